using Akka.Persistence.Journal;
using PublishingCluster.Actors.Audit;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Security;
using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Actors.Accounts;

/// <summary>
/// The account's stored form: what an accepted command writes to the journal, and how it reads back. The tags are
/// how others find an account's events without waking it: its posting partition (rebuilding its index), the
/// agency's and everyone's escalations (lists, notifications), and the agency's audit trail.
/// </summary>
internal static class AccountJournalEntries
{
    /// <summary>
    /// What one accepted command writes, in order: each of its events as <see cref="EventAsStored"/>, then the
    /// audit entry of the change (who, what, when), tagged with the agency. All of it goes into one atomic batch,
    /// so the audit trail can never disagree with the account's history.
    /// </summary>
    /// <param name="execute">The command and when it arrived.</param>
    /// <param name="caller">Who sent it.</param>
    /// <param name="events">The events the account decided, not empty.</param>
    /// <param name="after">The account once those events apply.</param>
    /// <param name="resultId">What the command created or touched, if it names one.</param>
    /// <param name="partitionTag">The tag of the account's posting partition (<see cref="PostingPartitions.TagOf"/>).</param>
    public static List<object> ForCommand(
        Execute execute, Caller caller, IReadOnlyList<IAccountEvent> events, AccountState after, string? resultId, string partitionTag)
    {
        var stored = new List<object>(events.Count + 1);
        foreach (var @event in events)
        {
            stored.Add(EventAsStored(@event, after.AgencyId, partitionTag));
        }

        var audit = new AuditEntry(after.AccountId, after.AgencyId, caller.Subject, caller.Role,
            execute.Command.GetType().Name, resultId, after.Version, execute.Now);
        stored.Add(new Tagged(audit, [AuditEntry.TagFor(after.AgencyId)]));
        return stored;
    }

    /// <summary>
    /// The event as stored: tagged for its posting partition if it can bring work earlier (<see cref="PostingTags"/>)
    /// and, if it is an escalation's, for the agency's and everyone's escalations; an event without tags is stored bare.
    /// </summary>
    public static object EventAsStored(IAccountEvent @event, string agencyId, string partitionTag)
    {
        var tags = new List<string>(3);
        if (PostingTags.Affects(@event))
        {
            tags.Add(partitionTag);
        }

        if (EscalationTags.Affects(@event))
        {
            tags.Add(EscalationTags.TagFor(agencyId));
            tags.Add(EscalationTags.All);
        }

        return tags.Count == 0 ? @event : new Tagged(@event, tags);
    }

    /// <summary>
    /// What was stored, without its tags. SQL journals strip the tag wrapper on replay, the in-memory journal hands
    /// it back as written, and a persist callback gets it back as written.
    /// </summary>
    public static object Untagged(object stored) => stored is Tagged tagged ? tagged.Payload : stored;
}
