using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using PublishingCluster.Actors.Telemetry;
using PublishingCluster.Server.Hosting;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Telemetry;

/// <summary>
/// The node's metrics: the project's meter (<see cref="PublishingMetrics"/>) read by OpenTelemetry and served in
/// Prometheus' text format at <see cref="Path"/> on the admin listener only, to the operator.
/// </summary>
public static class MetricsSetup
{
    public const string Path = "/admin/metrics";

    public static IServiceCollection AddNodeMetrics(this IServiceCollection services)
    {
        services.AddSingleton(provider => new PublishingMetrics(provider.GetRequiredService<IMeterFactory>().Create(PublishingMetrics.MeterName)));
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(PublishingMetrics.MeterName)
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>
    /// The scrape endpoint. It answers on the admin listener only, whether or not an operator token is set (a 404
    /// elsewhere, as for any route that is not there), and to the operator only: from loopback without a token, or
    /// with the token.
    /// </summary>
    public static IApplicationBuilder UseNodeMetricsEndpoint(this IApplicationBuilder app) =>
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Request.Path.Equals(Path, StringComparison.Ordinal)
                && context.RequestServices.GetRequiredService<IOptions<NodeOptions>>().Value.AdminPorts().Contains(context.Connection.LocalPort),
            path: null,
            configureBranchedPipeline: scrape => scrape.Use(async (context, next) =>
            {
                var node = context.RequestServices.GetRequiredService<IOptions<NodeOptions>>().Value;
                if (!AdminListener.IsTrustedLocalOperator(context, node) && !AdminListener.HasOperatorToken(context, node))
                {
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    await Api.Problems.Problem(StatusCodes.Status401Unauthorized, "auth.unauthenticated", "Authorization",
                        "Send the operator token as 'Authorization: Bearer <token>'.").ExecuteAsync(context);
                    return;
                }

                await next(context);
            }),
            optionsName: null);
}
