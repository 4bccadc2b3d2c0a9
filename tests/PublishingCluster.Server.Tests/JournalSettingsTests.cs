using Akka.Actor;
using Akka.Configuration;
using Akka.Configuration.Hocon;
using Microsoft.Extensions.DependencyInjection;
using PublishingCluster.Actors.Hosting;
using PublishingCluster.Server.Tests.Support;
using PublishingCluster.Simulation.Running;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// The simulator's SQLite journal is tuned as a server's: both read hocon/persistence.sqlite.hocon through the same
/// code, so what a simulation measures is what a node does.
/// </summary>
public sealed class JournalSettingsTests
{
    private static readonly string[] Plugins =
    [
        "akka.persistence.journal.sql",
        "akka.persistence.snapshot-store.sql",
        "akka.persistence.query.journal.sql",
    ];

    [Fact]
    public async Task The_simulator_and_a_server_node_run_their_sqlite_journal_with_the_same_settings()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"journal-settings-{Guid.NewGuid():N}");
        try
        {
            await using var simulator = SimulationNode.Start(new Scenario { Name = "settings" }, JournalKind.Sqlite, Path.Combine(folder, "simulation"));
            await using var server = await ServerHost.StartAsync(Path.Combine(folder, "server.db"));
            var onServer = server.Services.GetRequiredService<ActorSystem>().Settings.Config;
            var onSimulator = simulator.System.Settings.Config;

            foreach (var plugin in Plugins)
            {
                var serverSettings = Settings(onServer, plugin);
                Assert.NotEmpty(serverSettings);
                Assert.Equal(serverSettings, Settings(onSimulator, plugin));
            }

            // And they are the file's, not a default of the plugin's.
            var file = NodeHocon.Persistence(NodeHocon.DefaultFolder, "sqlite");
            foreach (var key in new[]
            {
                "journal.sql.circuit-breaker.call-timeout", "journal.sql.read-isolation-level", "journal.sql.tag-write-mode",
                "journal.sql.batch-size", "journal.sql.db-round-trip-max-batch-size", "journal.sql.parallelism",
                "journal.sql.recovery-event-timeout", "snapshot-store.sql.read-isolation-level", "snapshot-store.sql.circuit-breaker.call-timeout",
            })
            {
                Assert.Equal(file.GetString($"akka.persistence.{key}"), onSimulator.GetString($"akka.persistence.{key}"));
            }

            Assert.Equal("akka.persistence.journal.sql", onSimulator.GetString("akka.persistence.journal.plugin"));
            Assert.Equal("akka.persistence.snapshot-store.sql", onSimulator.GetString("akka.persistence.snapshot-store.plugin"));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Every setting under <paramref name="path"/> as "key = value", but where the database is.</summary>
    private static SortedDictionary<string, string> Settings(Config config, string path)
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Flatten(config.GetValue(path), path, settings);
        settings.Remove($"{path}.connection-string");
        return settings;
    }

    private static void Flatten(HoconValue? value, string path, IDictionary<string, string> into)
    {
        if (value is null)
        {
            return;
        }

        if (value.IsObject())
        {
            foreach (var (key, child) in value.GetObject().Items)
            {
                Flatten(child, $"{path}.{key}", into);
            }

            return;
        }

        into[path] = value.ToString();
    }
}
