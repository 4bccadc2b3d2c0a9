using Akka.Persistence.Journal;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Audit;
using PublishingCluster.Actors.Security;
using PublishingCluster.Actors.Tests.Serialization;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;
using PublishingCluster.Domain.Reporting;

namespace PublishingCluster.Actors.Tests.Accounts;

/// <summary>
/// What an account writes to the journal, tags included. The tags are stored (the SQL journal's tag table) and read
/// by others (a posting partition rebuilding its index, escalation lists and notifications, the audit trail), so
/// which event gets which tag is pinned here event by event.
/// </summary>
public sealed class AccountJournalEntriesTests
{
    private const string PartitionTag = "posting-7";
    private static readonly DateTimeOffset At = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Every stored account event and the tags it is written with; every event type is listed.</summary>
    public static TheoryData<string, string[]> TagsByEvent { get; } = new()
    {
        { nameof(AccountOpened), [PartitionTag] },
        { nameof(ContractUpdated), [PartitionTag] },
        { nameof(ChannelConnected), [] },
        { nameof(PostDrafted), [] },
        { nameof(PostSubmittedForReview), [] },
        { nameof(PostApprovedByAgency), [] },
        { nameof(PostApprovedByClient), [PartitionTag] },
        { nameof(PostRejected), [] },
        { nameof(PostScheduled), [PartitionTag] },
        { nameof(PostRescheduled), [PartitionTag] },
        { nameof(PostCancelled), [] },
        { nameof(VariantPublishingStarted), [PartitionTag] },
        { nameof(VariantPublished), [] },
        { nameof(VariantPublishFailed), [] },
        { nameof(PostExpired), [] },
        { nameof(VariantPublishDeferred), [PartitionTag] },
        { nameof(ReportIssued), [PartitionTag] },
        { nameof(ReportAcknowledged), [] },
        { nameof(GoalMeasured), [] },
        { nameof(EngagementReceived), [PartitionTag] },
        { nameof(EngagementResponded), [] },
        { nameof(EngagementAssigned), [] },
        { nameof(EngagementClosed), [] },
        { nameof(EscalationRaised), [PartitionTag, "escalations-agency-1", "escalations"] },
        { nameof(EscalationClimbed), ["escalations-agency-1", "escalations"] },
        { nameof(EscalationAcknowledged), ["escalations-agency-1", "escalations"] },
        { nameof(EscalationResolved), ["escalations-agency-1", "escalations"] },
        { nameof(ContentRequested), [] },
        { nameof(ContentDelivered), [] },
        { nameof(RecommendationMade), [] },
        { nameof(RecommendationAnswered), [] },
        { nameof(ClientContactRecorded), [] },
    };

    [Theory]
    [MemberData(nameof(TagsByEvent))]
    public void Each_event_is_stored_with_the_tags_of_whoever_looks_it_up(string eventType, string[] tags)
    {
        var @event = SampleOf(eventType);

        var stored = AccountJournalEntries.EventAsStored(@event, "agency-1", PartitionTag);

        if (tags.Length == 0)
        {
            // Stored bare, not wrapped with an empty set of tags.
            Assert.Same(@event, stored);
        }
        else
        {
            var tagged = Assert.IsType<Tagged>(stored);
            Assert.Same(@event, tagged.Payload);
            Assert.Equal(tags.Order(StringComparer.Ordinal), tagged.Tags.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void The_table_of_tags_covers_every_stored_account_event()
    {
        var listed = TagsByEvent.Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        var stored = StoredSamples.ByType.Values.OfType<IAccountEvent>().Select(e => e.GetType().Name).Order(StringComparer.Ordinal);

        Assert.Equal(stored, listed);
    }

    [Fact]
    public void A_command_writes_its_events_in_order_then_one_audit_entry_of_who_did_what_tagged_with_the_agency()
    {
        var opened = ClientAccount.Evolve(AccountState.Unopened("acc-1"), new AccountOpened("acc-1", "agency-1", "Client One", StoredSamples.Contract, null, At));
        IAccountEvent[] events = [SampleOf(nameof(PostDrafted)), SampleOf(nameof(ContractUpdated))];
        var after = events.Aggregate(opened, ClientAccount.Evolve);
        var execute = new Execute(new UpdateContract("acc-1", StoredSamples.Contract), At);
        var caller = new Caller("key-1", "AccountManager", "agency-1");

        var stored = AccountJournalEntries.ForCommand(execute, caller, events, after, "post-1", PartitionTag);

        // Version 3: the opening, then the command's two events.

        Assert.Equal(3, stored.Count);
        Assert.Same(events[0], stored[0]);
        Assert.Same(events[1], Assert.IsType<Tagged>(stored[1]).Payload);
        var audit = Assert.IsType<Tagged>(stored[2]);
        Assert.Equal(new AuditEntry("acc-1", "agency-1", "key-1", "AccountManager", nameof(UpdateContract), "post-1", 3, At), audit.Payload);
        Assert.Equal([AuditEntry.TagFor("agency-1")], audit.Tags);
    }

    [Fact]
    public void Opening_an_account_is_audited_under_the_agency_it_opened_it_for_at_its_first_version()
    {
        var unopened = AccountState.Unopened("acc-1");
        var execute = new Execute(new OpenAccount("acc-1", "agency-1", "Client One", StoredSamples.Contract), At);
        var decision = ClientAccount.Decide(unopened, execute.Command, At);
        var after = decision.Events.Aggregate(unopened, ClientAccount.Evolve);

        var stored = AccountJournalEntries.ForCommand(execute, Caller.System, decision.Events, after, decision.ResultId, PartitionTag);

        Assert.IsType<AccountOpened>(Assert.IsType<Tagged>(stored[0]).Payload);
        var audit = Assert.IsType<Tagged>(stored[^1]);
        Assert.Equal(new AuditEntry("acc-1", "agency-1", "system", Caller.SystemRole, nameof(OpenAccount), decision.ResultId, 1, At), audit.Payload);
        Assert.Equal([AuditEntry.TagFor("agency-1")], audit.Tags);
    }

    [Fact]
    public void What_was_stored_reads_back_without_its_tags_whether_the_journal_kept_the_wrapper_or_not()
    {
        var scheduled = SampleOf(nameof(PostScheduled));
        var drafted = SampleOf(nameof(PostDrafted));

        Assert.Same(scheduled, AccountJournalEntries.Untagged(AccountJournalEntries.EventAsStored(scheduled, "agency-1", PartitionTag)));
        Assert.Same(scheduled, AccountJournalEntries.Untagged(scheduled));
        Assert.Same(drafted, AccountJournalEntries.Untagged(drafted));
    }

    private static IAccountEvent SampleOf(string eventType) =>
        StoredSamples.ByType.Values.OfType<IAccountEvent>().Single(e => e.GetType().Name == eventType);
}
