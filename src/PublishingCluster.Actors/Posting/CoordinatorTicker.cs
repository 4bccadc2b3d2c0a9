using Akka.Actor;

namespace PublishingCluster.Actors.Posting;

/// <summary>
/// The node's beat for the posting partitions: every <c>interval</c> it reads the node clock (real or virtual; this
/// is the one place in the actors that reads it) and sends every partition a <see cref="Tick"/>. A partition with
/// nothing due does a single comparison per tick. With several nodes each ticks every partition; a duplicate tick
/// only finds nothing new to wake.
/// </summary>
public sealed class CoordinatorTicker : ReceiveActor, IWithTimers
{
    private sealed record Beat;

    private readonly TimeSpan _interval;

    public CoordinatorTicker(IActorRef postingRegion, PostingPartitions partitions, TimeProvider clock, TimeSpan interval)
    {
        _interval = interval;
        Receive<Beat>(_ =>
        {
            var now = clock.GetUtcNow();
            foreach (var partitionId in partitions.All)
            {
                postingRegion.Tell(new Tick(partitionId, now));
            }
        });
    }

    protected override void PreStart() => Timers.StartPeriodicTimer("beat", new Beat(), _interval);

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(IActorRef postingRegion, PostingPartitions partitions, TimeProvider clock, TimeSpan interval) =>
        Props.Create(() => new CoordinatorTicker(postingRegion, partitions, clock, interval));
}
