using PublishingCluster.Channels.Simulated;
using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Channels.Tests;

public sealed class SqlitePublicationLogTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("publication-log-").FullName;

    private string File => Path.Combine(_folder, "networks", "networks.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task What_one_instance_published_another_instance_on_the_same_file_finds()
    {
        string externalId;
        using (var log = new SqlitePublicationLog(File))
        {
            var network = new SimulatedNetwork(Network.Pinterest, SimulatedNetworkSettings.Reliable, log);
            externalId = Assert.IsType<PublishOutcome.Published>(await network.PublishAsync(new PublishRequest("k", Network.Pinterest, "@board", "Pins", [], Noon), default)).ExternalId;
        }

        using (var reopened = new SqlitePublicationLog(File))
        {
            var network = new SimulatedNetwork(Network.Pinterest, SimulatedNetworkSettings.Reliable, reopened);
            var found = Assert.IsType<LookupOutcome.Found>(await network.LookupAsync(new LookupRequest("k", Noon), default));
            Assert.Equal(externalId, found.ExternalId);
            Assert.Equal(Noon, found.At);

            var repeat = Assert.IsType<PublishOutcome.Duplicate>(await network.PublishAsync(new PublishRequest("k", Network.Pinterest, "@board", "Pins", [], Noon.AddHours(1)), default));
            Assert.Equal(externalId, repeat.ExternalId);
            Assert.Equal(1, reopened.DuplicateSends);
            var only = Assert.Single(reopened.All());
            Assert.Equal(new Publication("k", Network.Pinterest, "@board", externalId, Noon, "Pins"), only);
        }
    }

    [Fact]
    public void Attempts_count_up_per_key_and_survive_a_reopen()
    {
        using (var log = new SqlitePublicationLog(File))
        {
            Assert.Equal(1, log.NextAttempt("a"));
            Assert.Equal(2, log.NextAttempt("a"));
            Assert.Equal(1, log.NextAttempt("b"));
        }

        using var reopened = new SqlitePublicationLog(File);
        Assert.Equal(3, reopened.NextAttempt("a"));
    }

    [Fact]
    public void Adding_a_key_twice_keeps_the_first_and_counts_a_duplicate()
    {
        using var log = new SqlitePublicationLog(File);
        var first = new Publication("k", Network.X, "@a", "x-1", Noon, "one");

        Assert.Equal((first, true), log.Add(first));
        Assert.Equal((first, false), log.Add(first with { ExternalId = "x-2", Text = "two" }));
        Assert.Equal(1, log.DuplicateSends);
        Assert.Equal(1, log.Count());
    }

    [Fact]
    public void Counting_since_an_instant_is_per_profile_and_inclusive()
    {
        using var log = new SqlitePublicationLog(File);
        log.Add(new Publication("1", Network.X, "@a", "x1", Noon, "t"));
        log.Add(new Publication("2", Network.X, "@a", "x2", Noon.AddHours(2), "t"));
        log.Add(new Publication("3", Network.X, "@b", "x3", Noon.AddHours(2), "t"));
        log.Add(new Publication("4", Network.Threads, "@a", "t4", Noon.AddHours(2), "t"));

        Assert.Equal(2, log.CountSince(Network.X, "@a", Noon));
        Assert.Equal(1, log.CountSince(Network.X, "@a", Noon.AddTicks(1)));
        Assert.Equal(0, log.CountSince(Network.X, "@c", Noon));
    }

    [Fact]
    public async Task Concurrent_publishes_of_one_key_post_it_once()
    {
        using var log = new SqlitePublicationLog(File);
        var network = new SimulatedNetwork(Network.X, SimulatedNetworkSettings.Reliable, log);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            Task.Run(() => network.PublishAsync(new PublishRequest("same", Network.X, "@a", "t", [], Noon), default))));

        Assert.Single(log.All());
        Assert.Single(outcomes, o => o is PublishOutcome.Published);
        Assert.Equal(15, outcomes.Count(o => o is PublishOutcome.Duplicate));
        Assert.Equal(15, log.DuplicateSends);
    }
}
