using Akka.Actor;
using Akka.Configuration;
using BenchmarkDotNet.Attributes;
using PublishingCluster.Actors.Posting;

namespace PublishingCluster.Benchmarks;

/// <summary>
/// What one coordinator tick costs when nothing is due, against how many accounts the partition tracks. Each
/// operation sends a partition a <see cref="Tick"/> and then asks it a question that reads nothing
/// (<see cref="GetDue"/> up to the beginning of time); <see cref="AskOnly"/> is that question alone, so the
/// difference is the tick's own work. Every account is due a year from now.
/// </summary>
[MemoryDiagnoser]
public class IdleTickBenchmarks
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private ActorSystem _system = null!;
    private IActorRef _partition = null!;

    /// <summary>Accounts tracked by the one partition: none, 100,000 over the default 32 partitions, and all 100,000.</summary>
    [Params(0, 3_125, 100_000)]
    public int Accounts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench", ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            """));
        _partition = _system.ActorOf(PostingPartitionActor.PropsFor("p0", ActorRefs.Nobody, NoPostingHistory.Instance));
        for (var i = 0; i < Accounts; i++)
        {
            _partition.Tell(new NextDueChanged("p0", $"acc-{i:D6}", Now.AddDays(365).AddSeconds(i)));
        }

        var answer = _partition.Ask<DueAnswer>(new GetDue("p0", DateTimeOffset.MinValue), Timeout).GetAwaiter().GetResult();
        if (answer.Tracked != Accounts)
        {
            throw new InvalidOperationException($"The partition tracks {answer.Tracked} accounts, not {Accounts}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark(Baseline = true)]
    public Task<DueAnswer> AskOnly() => _partition.Ask<DueAnswer>(new GetDue("p0", DateTimeOffset.MinValue), Timeout);

    [Benchmark]
    public Task<DueAnswer> IdleTickThenAsk()
    {
        _partition.Tell(new Tick("p0", Now));
        return _partition.Ask<DueAnswer>(new GetDue("p0", DateTimeOffset.MinValue), Timeout);
    }
}
