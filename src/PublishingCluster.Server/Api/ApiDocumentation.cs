using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace PublishingCluster.Server.Api;

/// <summary>
/// The OpenAPI document as a contract for client generators, and a browsable reference built from it. The API key
/// is declared as a bearer scheme; every operation behind authorization requires it, and the public ones (health
/// probes, the document itself, anything AllowAnonymous) declare an empty requirement, so a generated client knows
/// which calls take a key. The reference (Scalar) is served at <see cref="ReferencePath"/> with its script from the
/// node itself: no CDN, no web fonts, no telemetry, so it works on a machine without internet.
/// </summary>
public static class ApiDocumentation
{
    public const string SchemeName = "Bearer";
    public const string ReferencePath = "/scalar";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddOperationTransformer(RequireTheKeyWhereAuthorized);
            options.AddDocumentTransformer(DeclareTheKeyAndThePublicRoutes);
        });

    public static void MapApiDocumentation(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, options =>
        {
            options.Title = "PublishingCluster API";
            // The script is the one the package embeds, served under ReferencePath; these two would reach out.
            options.DefaultFonts = false;
            options.Telemetry = false;
            options.AddPreferredSecuritySchemes(SchemeName);
        }).AllowAnonymous();
    }

    private static Task RequireTheKeyWhereAuthorized(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var takesKey = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        operation.Security = takesKey
            ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }]
            : [];
        return Task.CompletedTask;
    }

    private static Task DeclareTheKeyAndThePublicRoutes(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "pck.{agencyId}.{keyId}.{secret}",
            Description = "An agency's API key, or the node's operator token, as 'Authorization: Bearer <key>'.",
        };

        // Routes that are not API operations (so not described by their endpoints), listed so that a client
        // generator sees them as public.
        document.Paths ??= [];
        document.Paths["/health/live"] = Public("HealthLive", "Live: the actor system runs.", "text/plain");
        document.Paths["/health/ready"] = Public("HealthReady", "Ready: the node is an Up cluster member and its journal answers.", "text/plain");
        document.Paths[$"/openapi/{context.DocumentName}.json"] = Public("OpenApiDocument", "This document.", "application/json");
        return Task.CompletedTask;
    }

    private static OpenApiPathItem Public(string operationId, string summary, string mediaType) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new()
            {
                OperationId = operationId,
                Summary = summary,
                Security = [],
                Responses = new OpenApiResponses
                {
                    ["200"] = new OpenApiResponse { Description = "OK", Content = new Dictionary<string, OpenApiMediaType> { [mediaType] = new() } },
                    ["503"] = new OpenApiResponse { Description = "Not healthy (the probes) or not yet able to answer." },
                },
            },
        },
    };
}
