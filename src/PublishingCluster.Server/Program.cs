using Akka.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using PublishingCluster.Server.Api;
using PublishingCluster.Server.Hosting;

// PublishingCluster server: one node of the cluster, with the HTTP API in front of the account shards.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
builder.Configuration.AddEnvironmentVariables(NodeOptions.EnvironmentPrefix);
builder.Configuration.AddCommandLine(args, NodeOptions.SwitchMappings);
var node = builder.Configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
builder.WebHost.UseUrls(node.Urls);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(node);
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks();
builder.Services.AddPublishingClusterActors(node);
builder.Services.AddSingleton<AccountGateway>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapOpenApi();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("liveness") });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => !check.Tags.Contains("liveness") || check.Tags.Contains("readiness") });

app.MapAccountRoutes();
app.MapChannelRoutes();
app.MapPostRoutes();
app.MapCalendarRoutes();

app.Run();

/// <summary>The entry point, visible to the end-to-end tests' WebApplicationFactory.</summary>
public partial class Program;
