using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.TestKit.Xunit2;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Tests.Support;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Publishing;

namespace PublishingCluster.Actors.Tests;

/// <summary>
/// An engagement's response deadline is part of the account's next due time, and the wake-up at that time raises
/// the breach, stored with the agency's escalations tag.
/// </summary>
public sealed class EscalationsOnTheAccountsClockSpec() : TestKit(ActorSpecConfig.InMemory())
{
    // Monday 1 March 2027, 10:00 in London: a negative engagement is due within 30 business minutes.
    private static readonly DateTimeOffset Monday = new(2027, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_response_deadline_wakes_the_account_which_raises_the_breach_under_the_agencys_tag()
    {
        var posting = CreateTestProbe();
        var with = new AccountCollaborators(posting.Ref, new PostingPartitions(4), _ => TestActor, PublishingPolicy.Default);
        var accounts = Sys.ActorOf(EntityRouter.PropsFor(m => (m as IWithAccountId)?.AccountId, id => ClientAccountActor.PropsFor(id, ClientAccountSettings.Default, with)));
        const string accountId = "acc-esc";
        await AccountSetup.ExecuteAsync(accounts, new OpenAccount(accountId, "agency", "Client", AccountSetup.Contract()), Monday);
        await AccountSetup.ExecuteAsync(accounts, new ConnectChannel(accountId, "ch-0", Domain.Channels.Network.X, "client", "Europe/London", [], []), Monday);

        await AccountSetup.ExecuteAsync(accounts, new ReceiveEngagement(accountId, "e-1", "ch-0", EngagementKind.Comment, "@a", "Terrible and late", null, Monday), Monday);

        posting.FishForMessage<NextDueChanged>(m => m is NextDueChanged { Due: { } due } && due == Monday.AddMinutes(30), TimeSpan.FromSeconds(5));
        accounts.Tell(new WakeUp(accountId, Monday.AddMinutes(30)));
        posting.FishForMessage<NextDueChanged>(m => m is NextDueChanged { Due: { } due } && due == Monday.AddMinutes(30 + 240), TimeSpan.FromSeconds(5));
        var found = await accounts.Ask<IAccountReply>(new GetEscalations(accountId, EscalationFilter.Any), TimeSpan.FromSeconds(5));
        var escalation = Assert.Single(Assert.IsType<EscalationsFound>(found).Escalations);
        Assert.Equal((EscalationCause.SlaBreach, EscalationLevel.AccountManager, "Ada"), (escalation.Cause, escalation.Level, escalation.Assignee));

        var raised = Assert.Single(StoredWithTags(ClientAccountActor.PersistenceIdFor(accountId)), t => t.Payload is EscalationRaised);
        Assert.Contains(EscalationTags.TagFor("agency"), raised.Tags);
        Assert.Contains(StoredWithTags(ClientAccountActor.PersistenceIdFor(accountId)), t => t.Payload is EngagementReceived && !t.Tags.Contains(EscalationTags.TagFor("agency")));
    }

    /// <summary>What the in-memory journal holds, with the tags each event was written with.</summary>
    private List<(object Payload, IReadOnlySet<string> Tags)> StoredWithTags(string persistenceId)
    {
        var probe = CreateTestProbe();
        Persistence.Instance.Apply(Sys).JournalFor(null).Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, persistenceId, probe.Ref));
        var stored = new List<(object, IReadOnlySet<string>)>();
        while (probe.ExpectMsg<object>(TimeSpan.FromSeconds(5)) is var message && message is not RecoverySuccess)
        {
            if (message is ReplayedMessage replayed)
            {
                stored.Add(replayed.Persistent.Payload is Tagged tagged
                    ? (tagged.Payload, tagged.Tags.ToHashSet())
                    : (replayed.Persistent.Payload, new HashSet<string>()));
            }
        }

        return stored;
    }
}
