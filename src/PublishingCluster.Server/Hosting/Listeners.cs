using System.Net;

namespace PublishingCluster.Server.Hosting;

/// <summary>The public API listener (<c>--urls</c>) and the admin listener (<c>--admin-urls</c>) Kestrel binds.</summary>
public static class Listeners
{
    public static string[] From(IConfiguration configuration)
    {
        var node = configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
        var publicUrls = configuration["urls"] is { Length: > 0 } urls ? urls : NodeOptions.DefaultUrls;
        if (string.IsNullOrEmpty(node.OperatorToken) && !IsLoopbackOnly(node.AdminUrls))
        {
            throw new InvalidOperationException(
                $"The admin listener {node.AdminUrls} is not loopback-only; set --operator-token to expose operator routes beyond this machine.");
        }

        return [.. publicUrls.Split(';', StringSplitOptions.RemoveEmptyEntries), .. node.AdminUrls.Split(';', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static bool IsLoopbackOnly(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(url =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Host == "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address))));
}
