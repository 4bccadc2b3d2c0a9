using PublishingCluster.Channels.Simulated;

namespace PublishingCluster.Server.Hosting;

/// <summary>
/// The networks this node publishes to. The server ships simulated networks (no real network credentials are
/// handled yet); they keep what they publish in their own SQLite file, apart from the journal, so that what went
/// out survives the node as it would on a real network. Bound from the "Networks" section and its flags.
/// </summary>
public sealed class NetworkOptions
{
    public const string Section = "Networks";

    /// <summary>The simulated networks' publication log (a SQLite file; its folder is created on first start).</summary>
    public string Database { get; set; } = "data/networks.db";

    /// <summary>
    /// Where the publication log lives on the "postgres" provider: a PostgreSQL connection string; unset, the
    /// journal's. Every node of a cluster must name the same database, since they publish to the same networks.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Calls in flight to one network from this node at once; the rest wait their turn in the gateway.</summary>
    public int Concurrency { get; set; } = 32;

    /// <summary>How often the posting coordinators look for due posts.</summary>
    public int TickMilliseconds { get; set; } = 1000;

    /// <summary>Posting partitions: fixed for the life of the data, like the shard count (events are tagged with them).</summary>
    public int PostingPartitions { get; set; } = 32;

    public int LatencyMilliseconds { get; set; }

    public double FailureRate { get; set; }

    public double RateLimitRate { get; set; }

    public double LostAnswerRate { get; set; }

    public int Seed { get; set; }

    /// <summary>
    /// Whether the simulated networks' audience answers what is published: comments, mentions and messages arrive at
    /// the accounts as engagements (see <see cref="SimulatedAudience"/>). Off by default, so a node's engagements are
    /// only those sent to it.
    /// </summary>
    public bool Audience { get; set; }

    public SimulatedNetworkSettings Simulation() => new()
    {
        Seed = Seed,
        Latency = TimeSpan.FromMilliseconds(LatencyMilliseconds),
        FailureRate = FailureRate,
        RateLimitRate = RateLimitRate,
        LostAnswerRate = LostAnswerRate,
    };

    /// <summary>
    /// The publication log for a node: on PostgreSQL (shared by every node, which a cluster on several machines
    /// needs), otherwise in the SQLite file.
    /// </summary>
    public IPublicationLog OpenLog(JournalDatabase journal) => journal.IsPostgres
        ? new PostgresPublicationLog(PostgresDatabase.Check(ConnectionString ?? journal.ConnectionString))
        : new SqlitePublicationLog(Database);

    public void Validate()
    {
        if (Concurrency < 1 || TickMilliseconds < 10 || PostingPartitions < 1 || LatencyMilliseconds < 0)
        {
            throw new InvalidOperationException(
                $"Networks settings out of range: concurrency {Concurrency} (>= 1), tick {TickMilliseconds} ms (>= 10), posting partitions {PostingPartitions} (>= 1), latency {LatencyMilliseconds} ms (>= 0).");
        }

        Simulation().Validate();
    }
}
