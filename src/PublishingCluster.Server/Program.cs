using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using PublishingCluster.Server.Api;
using PublishingCluster.Server.Api.ReadModels;
using PublishingCluster.Server.Api.Routes;
using PublishingCluster.Server.Commands;
using PublishingCluster.Server.Hosting;
using PublishingCluster.Server.Security;
using PublishingCluster.Server.Telemetry;

// PublishingCluster server: one node of the cluster, with the HTTP API in front of the account shards.
if (args.Length > 0 && args[0] == "simulate")
{
    // The simulator: the same actors on a virtual clock, without the web host (see docs/simulator.md).
    Environment.ExitCode = await PublishingCluster.Simulation.Cli.SimulateCommand.RunAsync(args[1..], Console.Out, Console.Error);
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddEnvironmentVariables(NodeOptions.EnvironmentPrefix);
builder.Configuration.AddCommandLine(args, NodeOptions.SwitchMappings);
var listeners = Listeners.From(builder.Configuration);
builder.WebHost.UseUrls(listeners);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes);

builder.Services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section);
builder.Services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.Section);
builder.Services.AddOptions<PublishingCluster.Server.Notifications.NotificationOptions>().BindConfiguration(PublishingCluster.Server.Notifications.NotificationOptions.Section);
builder.Services.AddSingleton(provider => NodeClock.From(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<NodeOptions>>().Value));
builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = FrameworkProblems.AddCode);
builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
// The OpenAPI document (with the API key as its bearer scheme) and the browsable reference at /scalar.
builder.Services.AddApiDocumentation();
builder.Services.AddHealthChecks();
builder.Services.AddNodeMetrics();
builder.Services.AddPublishingClusterActors();
builder.Services.AddSingleton<AccountGateway>();
builder.Services.AddSingleton<AgencyGateway>();
builder.Services.AddSingleton<AuditTrail>();
builder.Services.AddSingleton<AgencyEscalations>();
builder.Services.AddSingleton<ClusterView>();
builder.Services.AddSingleton<AgencyDirectory>();
builder.Services.AddSingleton<FailedAuthentications>();
builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
builder.Services.AddAuthorization();
builder.Services.AddPerKeyRateLimiting();
// The operators' command endpoint (pbm): its own TCP listener, loopback unless a token is set.
builder.AddOperatorCommands();

var app = builder.Build();

// A port another process holds (a second node started with the first one's ports) stops the node here, with one line
// naming the flag to change, before the actor system or a listener binds anything.
try
{
    PortClashes.EnsureFree(app.Configuration, listeners);
}
catch (NodeStartRefusedException refused)
{
    Console.Error.WriteLine(refused.Message);
    Environment.ExitCode = 2;
    return;
}

app.UseExceptionHandler();
app.UseStatusCodePages();
// Prometheus scrapes /admin/metrics on the admin listener (docs/operations.md, "Metrics").
app.UseNodeMetricsEndpoint();
app.UseRouting();
app.UseOperatorRoutesGate();
// An address that keeps failing authentication is refused before its key is looked at (--auth-failure-limit).
app.UseAuthenticationLimitingFailures();
app.UseRateLimiter();
app.UseAuthorization();

app.MapApiDocumentation();
// Live: the actor system runs. Ready: the node is an Up cluster member and its journal answers.
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("liveness") }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => !check.Tags.Contains("liveness") }).AllowAnonymous();

app.MapAgencyRoutes();
app.MapAccountRoutes();
app.MapChannelRoutes();
app.MapPostRoutes();
app.MapCalendarRoutes();
app.MapReportRoutes();
app.MapEngagementRoutes();
app.MapEscalationRoutes();
app.MapPartnershipRoutes();
app.MapClockRoutes();
app.MapClusterRoutes();

try
{
    app.Run();
}
catch (Exception e) when (PortClashes.Explain(e, app.Configuration) is { } line)
{
    // A port taken between the check above and its listener's bind.
    Console.Error.WriteLine(line);
    Environment.ExitCode = 2;
}

/// <summary>The entry point, visible to the end-to-end tests' WebApplicationFactory.</summary>
public partial class Program;
