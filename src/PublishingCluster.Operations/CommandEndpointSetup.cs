using PublishingCluster.Operations.NodeAccess;

namespace PublishingCluster.Operations;

/// <summary>Wires the command endpoint into the node: its options, the palettes, the recent-log ring and the listener.</summary>
public static class CommandEndpointSetup
{
    /// <summary>
    /// Registers the endpoint; checks its address now, so a node bound beyond loopback without a token does not start.
    /// The host registers what the palettes ask of it (<see cref="IAccountAccess"/>, <see cref="INodeActors"/>,
    /// <see cref="NodeConventions"/>) and the node's <see cref="TimeProvider"/> and actor system.
    /// </summary>
    public static void AddCommandEndpoint(this IHostApplicationBuilder builder)
    {
        CommandOptions.From(builder.Configuration).BindAddress();
        builder.Services.AddOptions<CommandOptions>().BindConfiguration(CommandOptions.Section);
        builder.Services.AddSingleton<RecentLogs>(_ => new RecentLogs());
        builder.Services.AddSingleton<ILoggerProvider, RecentLogsProvider>();
        // The node's log level, changed at run time with 'log set-level'.
        builder.Services.AddSingleton<NodeLogLevel>();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<LoggerFilterOptions>>(provider => provider.GetRequiredService<NodeLogLevel>());
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IOptionsChangeTokenSource<LoggerFilterOptions>>(provider => provider.GetRequiredService<NodeLogLevel>());
        // The ring keeps Information and above even when the console shows only warnings.
        builder.Logging.AddFilter<RecentLogsProvider>(null, LogLevel.Information);
        // Not every HTTP request, though: the ring is for what the node says, and a busy API would flush it in a second.
        builder.Logging.AddFilter<RecentLogsProvider>("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton<PaletteRegistry>();
        builder.Services.AddSingleton<AccountDirectory>();
        builder.Services.AddOptions<Simulations.SimulatorOptions>().BindConfiguration(Simulations.SimulatorOptions.Section);
        builder.Services.AddSingleton<Simulations.Simulator>();
        builder.Services.AddSingleton<CommandEndpoint>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<CommandEndpoint>());
    }
}
