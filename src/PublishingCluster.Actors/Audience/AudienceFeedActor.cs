using Akka.Actor;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Security;
using PublishingCluster.Channels.Simulated;
using PublishingCluster.Domain.Engagement;

namespace PublishingCluster.Actors.Audience;

/// <summary>
/// Carries what the simulated networks' audience says to the accounts, through the same door an engagement sent over
/// HTTP takes: a <see cref="ReceiveEngagement"/> command to the account's region. On a node it delivers on its own
/// beat (reading the node clock, like the posting ticker); the simulator instead asks it at each step of its clock
/// (<see cref="DeliverEngagements"/>) and waits for the answer, so a step ends only once every engagement is recorded.
/// Engagements go out in the audience's order and each account gets its own in that order.
/// </summary>
public sealed class AudienceFeedActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(2);
    private readonly TimeSpan? _interval;

    public AudienceFeedActor(IActorRef accounts, SimulatedAudience audience, TimeProvider clock, TimeSpan? interval)
    {
        _interval = interval;
        Receive<Beat>(_ =>
        {
            var now = clock.GetUtcNow();
            foreach (var engagement in audience.Advance(now))
            {
                // On its own beat nobody waits for the answers: an engagement the account refuses is the account's to explain.
                accounts.Tell(new Execute(Command(engagement), now, Caller.System));
            }
        });
        Receive<DeliverEngagements>(deliver =>
        {
            var due = audience.Advance(deliver.Now);
            var answers = due.Select(e => accounts.Ask<IAccountReply>(new Execute(Command(e), deliver.Now, Caller.System), AskTimeout)).ToList();
            Task.WhenAll(answers).PipeTo(Sender, success: replies => new EngagementsDelivered(
                deliver.Now,
                [.. due.Select((e, i) => new DeliveredEngagement(e, replies[i] is CommandAccepted ? null : replies[i].ToString()))]));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        if (_interval is { } every)
        {
            Timers.StartPeriodicTimer("beat", Beat.Instance, every);
        }
    }

    /// <param name="interval">How often to deliver on its own (null: only when asked).</param>
    public static Props PropsFor(IActorRef accounts, SimulatedAudience audience, TimeProvider clock, TimeSpan? interval) =>
        Props.Create(() => new AudienceFeedActor(accounts, audience, clock, interval));

    private static ReceiveEngagement Command(AudienceEngagement e) =>
        new(e.AccountId, e.EngagementId, e.ChannelId, e.Kind, e.Author, e.Text, e.Sentiment, e.At);

    private sealed class Beat
    {
        public static readonly Beat Instance = new();
    }
}
