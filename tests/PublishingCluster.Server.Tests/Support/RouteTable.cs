using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Tests.Support;

/// <summary>
/// One route of the running server: method, pattern and the permission it declares (null: public), and whether it
/// declares a JSON body (<c>Accepts</c>) or refuses any body.
/// </summary>
public sealed record RouteInfo(string Method, string Pattern, Permission? Permission, bool DeclaresBody = false, bool RefusesBody = false)
{
    public string Key => $"{Method} {Pattern}";

    public bool HasAccount => Pattern.Contains("{accountId}", StringComparison.Ordinal);

    public override string ToString() => Key;
}

/// <summary>The server's own route table, read from its endpoint data source, so a new route is seen by the tests at once.</summary>
public static class RouteTable
{
    public static IReadOnlyList<RouteInfo> Of(ServerHost host) =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new RouteInfo(
                method,
                "/" + e.RoutePattern.RawText!.Trim('/'),
                e.Metadata.GetMetadata<RequiresPermission>()?.Permission,
                e.Metadata.GetMetadata<IAcceptsMetadata>() is not null,
                e.Metadata.GetMetadata<Api.RefusesBody>() is not null)))
            .Where(r => !IsPublic(host, r))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();

    /// <summary>Routes open to anyone: health probes, the OpenAPI document and the API reference (below /scalar/), and nothing else.</summary>
    public static readonly IReadOnlySet<string> PublicRoutes = new HashSet<string>
    {
        "GET /health/live", "GET /health/ready", "GET /openapi/{documentName}.json",
    };

    /// <summary>The API reference's page and the script and assets it loads, all served by the node.</summary>
    public const string ReferencePrefix = "GET /scalar/";

    private static bool IsPublic(string key) => PublicRoutes.Contains(key) || key.StartsWith(ReferencePrefix, StringComparison.Ordinal);

    private static bool IsPublic(ServerHost host, RouteInfo route) => IsPublic(route.Key);

    public static IReadOnlyList<(string Key, bool AllowsAnonymous)> PublicEndpoints(ServerHost host) =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method =>
                ($"{method} /{e.RoutePattern.RawText!.Trim('/')}", e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .Where(e => IsPublic(e.Item1))
            .ToList();
}
