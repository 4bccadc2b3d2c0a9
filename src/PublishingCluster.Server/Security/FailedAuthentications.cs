using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PublishingCluster.Server.Api;
using PublishingCluster.Server.Hosting;

namespace PublishingCluster.Server.Security;

/// <summary>
/// Failed authentications per client address (the connection's remote IP): a token bucket per address from
/// System.Threading.RateLimiting, as the per-key limits in <see cref="RateLimits"/>. Each failure takes a token; an
/// address with none left is answered 429 with Retry-After before its key is parsed or looked up, so guessing keys
/// or naming made-up agencies costs the node nothing more than the answer. Addresses that authenticate are never
/// charged, and health probes are never refused.
/// </summary>
/// <remarks>
/// ASP.NET Core's rate limiting middleware takes its permit after authentication (the per-key limit needs the key),
/// and takes it for every request; this limit must be asked before authentication and charged only when it fails,
/// so it is its own small middleware around <c>UseAuthentication</c> over a <see cref="PartitionedRateLimiter{TResource}"/>.
/// Behind a reverse proxy every client shares the proxy's address: the node does not read forwarded headers.
/// </remarks>
public sealed class FailedAuthentications : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TimeSpan _period;

    public FailedAuthentications(IOptions<NodeOptions> node)
    {
        var limit = node.Value.AuthFailureLimit;
        var window = node.Value.AuthFailureWindowSeconds;
        if (limit < 1)
        {
            throw new InvalidOperationException($"--auth-failure-limit must be at least 1; it is {limit}.");
        }

        if (window is <= 0 or > 86_400)
        {
            throw new InvalidOperationException($"--auth-failure-window must be more than 0 and at most 86400 seconds; it is {window}.");
        }

        // The whole allowance comes back over the window, one failure at a time. An address's bucket, once full
        // again, is dropped by the partitioned limiter after a few idle seconds.
        _period = TimeSpan.FromSeconds(window / limit);
        var options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = _period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => options));
    }

    /// <summary>
    /// Whether the address has a whole failure left (no token is taken); if not, how long until it has one. (Asking
    /// the limiter for 0 tokens would not do: a partitioned token bucket refills continuously, and a fraction of a
    /// token counts as "some left" for 0.)
    /// </summary>
    public (bool Allowed, TimeSpan RetryAfter) Check(string address) =>
        _limiter.GetStatistics(address) is { CurrentAvailablePermits: < 1 } ? (false, _period) : (true, TimeSpan.Zero);

    /// <summary>Charges the address one failure; a failed lease means it had none left (requests racing each other).</summary>
    public RateLimitLease Charge(string address) => _limiter.AttemptAcquire(address, 1);

    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        IPAddress address => address.ToString(),
    };

    public void Dispose() => _limiter.Dispose();
}

public static class FailedAuthenticationsMiddleware
{
    /// <summary>
    /// Authentication with the failed-authentication limit in front of it: an address out of failures is refused
    /// before the key is looked at; a failed authentication is charged to its address.
    /// </summary>
    public static IApplicationBuilder UseAuthenticationLimitingFailures(this IApplicationBuilder app)
    {
        var failures = app.ApplicationServices.GetRequiredService<FailedAuthentications>();
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization.Count == 0 || context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
            {
                await next(context);
                return;
            }

            var address = FailedAuthentications.AddressOf(context);
            var (allowed, retryAfter) = failures.Check(address);
            if (!allowed)
            {
                await RefuseAsync(context, retryAfter);
                return;
            }

            // Authenticates once for the request: the handler keeps its result, which UseAuthentication below reuses.
            var result = await context.AuthenticateAsync();
            if (result.Failure is not null)
            {
                using var charged = failures.Charge(address);
                if (!charged.IsAcquired)
                {
                    await RefuseAsync(context, charged.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1));
                    return;
                }
            }

            await next(context);
        });
        return app.UseAuthentication();
    }

    private static Task RefuseAsync(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return Problems.Problem(StatusCodes.Status429TooManyRequests, "auth.too-many-failures", "Authorization",
            string.Create(CultureInfo.InvariantCulture, $"Too many failed authentications from this address; retry after {seconds} s."),
            retryAfterSeconds: seconds).ExecuteAsync(context);
    }
}
