using System.Net;
using System.Security.Cryptography;
using System.Text;
using PublishingCluster.Server.Hosting;

namespace PublishingCluster.Server.Security;

/// <summary>
/// The admin listener (<c>--admin-urls</c>, loopback by default) carries the operator routes. Without an
/// operator token, a request that arrives on it from the machine itself is the operator; with a token
/// configured, the token is required everywhere and operator routes are served on the public listener too.
/// </summary>
public static class AdminListener
{
    public static bool IsTrustedLocalOperator(HttpContext context, NodeOptions node) =>
        string.IsNullOrEmpty(node.OperatorToken)
        && context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
        && node.AdminPorts().Contains(context.Connection.LocalPort);

    /// <summary>Operator routes answer only on the admin listener, unless an operator token is configured.</summary>
    public static bool ServesOperatorRoutes(HttpContext context, NodeOptions node) =>
        !string.IsNullOrEmpty(node.OperatorToken) || node.AdminPorts().Contains(context.Connection.LocalPort);

    /// <summary>The request carries the node's operator token as its bearer token (never true without one configured).</summary>
    public static bool HasOperatorToken(HttpContext context, NodeOptions node)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return node.OperatorToken is { Length: > 0 } token
            && header.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim())), SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}
