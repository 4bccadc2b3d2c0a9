using System.Collections.Immutable;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;

namespace PublishingCluster.Domain.Tests.Fixtures;

/// <summary>
/// One open account driven the way the system drives it: every command goes through
/// <see cref="ClientAccount.Decide(AccountState, IAccountCommand, DateTimeOffset)"/> and its events through
/// <see cref="ClientAccount.Evolve"/>, so a test's setup obeys the same rules as the behaviour it checks.
/// </summary>
public sealed class AccountScenario
{
    public const string AccountId = "acc-1";

    private readonly List<IAccountEvent> _history = [];

    public AccountScenario(DateTimeOffset now, Contract? contract = null, PublishingPolicy? policy = null)
    {
        Now = now;
        Policy = policy ?? PublishingPolicy.Default;
        State = AccountState.Unopened(AccountId);
        Execute(new OpenAccount(AccountId, "agency-1", "Client One", contract ?? SampleContracts.AllNetworks()));
    }

    public AccountState State { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public PublishingPolicy Policy { get; }

    /// <summary>Every event applied so far, in order, from the account's opening on.</summary>
    public IReadOnlyList<IAccountEvent> History => _history;

    public AccountScenario At(DateTimeOffset now)
    {
        Now = now;
        return this;
    }

    public AccountScenario Advance(TimeSpan by) => At(Now + by);

    public Post Post(string postId) => State.Posts[postId];

    public PostVariant Variant(string postId, string channelId) => State.Posts[postId].Variants[channelId];

    /// <summary>The decision alone: nothing is applied.</summary>
    public Decision Decide(IAccountCommand command) => ClientAccount.Decide(State, command, Now, Policy);

    /// <summary>Decides and applies; the setup step fails loudly if the command is refused.</summary>
    public ImmutableList<IAccountEvent> Execute(IAccountCommand command)
    {
        var decision = Decide(command);
        Assert.True(decision.IsAccepted, $"{command} was refused during setup: {decision.Rejection}");
        foreach (var @event in decision.Events)
        {
            State = ClientAccount.Evolve(State, @event);
            _history.Add(@event);
        }

        return decision.Events;
    }

    /// <summary>Applies the events of a decision already made (none, for a refusal).</summary>
    public void Apply(Decision decision)
    {
        foreach (var @event in decision.Events)
        {
            State = ClientAccount.Evolve(State, @event);
            _history.Add(@event);
        }
    }

    public Channel ConnectChannel(
        string channelId,
        Network network,
        string timeZone = "Europe/London",
        IEnumerable<PostingWindow>? windows = null,
        IEnumerable<QueueSlot>? slots = null)
    {
        Execute(new ConnectChannel(AccountId, channelId, network, $"@{channelId}", timeZone,
            [.. windows ?? []], [.. slots ?? []]));
        return State.Channels[channelId];
    }

    public void CreatePost(string postId, params string[] channelIds) =>
        Execute(new CreatePost(AccountId, postId, $"Post {postId}",
            [.. channelIds.Select(c => new VariantContent(c, $"Post {postId} written for {c}", []))]));

    /// <summary>Submit, agency approval and client approval: the post may be published once it has a time.</summary>
    public void Approve(string postId)
    {
        Execute(new SubmitPostForReview(AccountId, postId));
        Execute(new ApprovePost(AccountId, postId));
        Execute(new ClientApprovePost(AccountId, postId));
    }

    public ImmutableList<VariantTime> ScheduleAt(string postId, DateTimeOffset at) =>
        TimesOf(Execute(new SchedulePost(AccountId, postId, ScheduleTarget.Exactly(at))));

    public ImmutableList<VariantTime> ScheduleInNextFreeSlot(string postId) =>
        TimesOf(Execute(new SchedulePost(AccountId, postId, ScheduleTarget.NextFreeSlot)));

    public ImmutableList<IAccountEvent> PublishDue() => Execute(new PublishDue(AccountId));

    private static ImmutableList<VariantTime> TimesOf(ImmutableList<IAccountEvent> events) =>
        Assert.IsType<PostScheduled>(Assert.Single(events)).Times;
}
