using System.Collections.Concurrent;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using PublishingCluster.Actors.Notifications;
using PublishingCluster.Actors.Tests.Support;

namespace PublishingCluster.Actors.Tests;

/// <summary>The dispatcher: every notifiable fact once, in order, retried until delivered, not again after a restart.</summary>
public sealed class NotificationDispatcherSpec() : TestKit(ActorSpecConfig.InMemory("ERROR"))
{
    private static readonly DispatchSettings Fast = new(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(40), TimeSpan.FromSeconds(2));
    private static readonly DateTimeOffset At = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private sealed record Alarm(string Id);

    private sealed record Noise;

    private static Notification? ToNotification(StoredFact fact) =>
        fact.Event is Alarm alarm ? new Notification(alarm.Id, "agency", "acc", "Test", alarm.Id, $"Alarm {alarm.Id}", At) : null;

    private sealed class GrowingSource : INotificationSource
    {
        private readonly List<StoredFact> _facts = [];

        public void Add(object fact)
        {
            lock (_facts)
            {
                _facts.Add(new StoredFact(_facts.Count + 1, "account-acc", ["escalations"], fact));
            }
        }

        public Task<IReadOnlyList<StoredFact>> ReadAsync(long afterOffset, int max, CancellationToken cancellationToken)
        {
            lock (_facts)
            {
                return Task.FromResult<IReadOnlyList<StoredFact>>([.. _facts.Where(f => f.Offset > afterOffset).Take(max)]);
            }
        }
    }

    /// <summary>A receiver that refuses the first <paramref name="refusals"/> calls, then takes everything.</summary>
    private sealed class Receiver(int refusals = 0) : INotifier
    {
        private int _calls;

        public ConcurrentQueue<string> Delivered { get; } = new();

        public int Calls => Volatile.Read(ref _calls);

        public Task<NotifyOutcome> NotifyAsync(Notification notification, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) <= refusals)
            {
                return Task.FromResult<NotifyOutcome>(new NotifyOutcome.Failed("HTTP 500"));
            }

            Delivered.Enqueue(notification.Id);
            return Task.FromResult<NotifyOutcome>(new NotifyOutcome.Delivered());
        }
    }

    private IActorRef Start(string name, INotificationSource source, INotifier notifier) =>
        Sys.ActorOf(NotificationDispatcherActor.PropsFor(name, source, notifier, ToNotification, Fast));

    [Fact]
    public async Task Every_notifiable_fact_is_delivered_once_in_order_and_the_rest_passed_over()
    {
        var source = new GrowingSource();
        foreach (var fact in new object[] { new Alarm("a1"), new Noise(), new Alarm("a2"), new Noise(), new Alarm("a3") })
        {
            source.Add(fact);
        }

        var receiver = new Receiver();
        var dispatcher = Start("in-order", source, receiver);
        await AwaitAssertAsync(() => Assert.Equal(["a1", "a2", "a3"], receiver.Delivered));

        source.Add(new Alarm("a4"));
        await AwaitAssertAsync(() => Assert.Equal(["a1", "a2", "a3", "a4"], receiver.Delivered));
        var status = await dispatcher.Ask<DispatchStatus>(new GetDispatchStatus());
        Assert.Equal(6, status.DeliveredThrough);
    }

    [Fact]
    public async Task A_refusing_receiver_is_retried_until_it_takes_the_notification_and_gets_it_once()
    {
        var source = new GrowingSource();
        source.Add(new Alarm("a1"));
        source.Add(new Alarm("a2"));
        var receiver = new Receiver(refusals: 3);

        Start("retrying", source, receiver);

        await AwaitAssertAsync(() => Assert.Equal(["a1", "a2"], receiver.Delivered));
        Assert.Equal(5, receiver.Calls);
    }

    [Fact]
    public async Task After_a_restart_nothing_delivered_is_sent_again()
    {
        var source = new GrowingSource();
        source.Add(new Alarm("a1"));
        source.Add(new Alarm("a2"));
        var receiver = new Receiver();
        var first = Start("restarting", source, receiver);
        await AwaitAssertAsync(() => Assert.Equal(2, receiver.Delivered.Count));

        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first);
        source.Add(new Alarm("a3"));
        Start("restarting", source, receiver);

        await AwaitAssertAsync(() => Assert.Equal(["a1", "a2", "a3"], receiver.Delivered));
        await Task.Delay(200);
        Assert.Equal(["a1", "a2", "a3"], receiver.Delivered);
    }
}
