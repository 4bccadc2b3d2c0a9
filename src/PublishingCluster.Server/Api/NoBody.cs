using Microsoft.AspNetCore.Http.Features;

namespace PublishingCluster.Server.Api;

/// <summary>Endpoint metadata: the route takes no request body, and refuses one.</summary>
public sealed record RefusesBody;

/// <summary>
/// Action routes that take no body (submit, approve, acknowledge, ...) refuse one with a 400
/// <c>request.body-not-allowed</c>, instead of reading past it: a client that sends one meant something the route
/// does not do, and a large one is work for nothing.
/// </summary>
public static class NoBody
{
    public static TBuilder TakesNoBody<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new RefusesBody());
        builder.AddEndpointFilter(async (context, next) =>
            await HasBodyAsync(context.HttpContext.Request) ? Refusal() : await next(context));
        return builder;
    }

    /// <summary>True when the request carries at least one byte of body (declared by its length, or sent in chunks).</summary>
    public static async Task<bool> HasBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is { } length)
        {
            return length > 0;
        }

        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return false;
        }

        var one = new byte[1];
        return await request.Body.ReadAsync(one, request.HttpContext.RequestAborted) > 0;
    }

    private static IResult Refusal() =>
        Problems.Invalid("$", "request.body-not-allowed", "This route takes no request body; send the request without one.");
}
