using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PublishingCluster.Server.Api;

namespace PublishingCluster.Server.Hosting;

/// <summary>
/// A token bucket per API key (per client address before authentication): a steady rate with a burst allowance.
/// A caller over its limit gets 429 with Retry-After; health probes are never limited.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddPerKeyRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                {
                    return RateLimitPartition.GetNoLimiter("health");
                }

                var node = context.RequestServices.GetRequiredService<IOptions<NodeOptions>>().Value;
                var partition = context.User.Identity?.IsAuthenticated == true
                    ? "key:" + Security.AccessPolicy.CallerOf(context.User).Subject
                    : "address:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, node.RateLimitBurst),
                    TokensPerPeriod = Math.Max(1, node.RateLimitPerSecond),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? (int)Math.Ceiling(retryAfter.TotalSeconds)
                    : 1;
                await Problems.Problem(StatusCodes.Status429TooManyRequests, "rate.limited", null,
                    $"Too many requests for this key; retry after {seconds} s.", retryAfterSeconds: Math.Max(1, seconds)).ExecuteAsync(context.HttpContext);
            };
        });
}
