using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using PublishingCluster.Actors.Audit;

namespace PublishingCluster.Server.Api;

/// <summary>One page of an agency's audit trail and the offset to ask for the next.</summary>
public sealed record AuditPage(ImmutableList<AuditEntry> Entries, long? Next);

/// <summary>
/// Reads an agency's audit trail from the journal: the <see cref="AuditEntry"/> events its accounts wrote,
/// by tag, in the order they were stored, in pages from an offset.
/// </summary>
public sealed class AuditTrail(ActorSystem system)
{
    public const int MaxPageSize = 500;

    private readonly SqlReadJournal _journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
    private readonly IMaterializer _materializer = system.Materializer();

    public async Task<AuditPage> ReadAsync(string agencyId, string? accountId, long after, int limit, CancellationToken cancellationToken)
    {
        var envelopes = await _journal.CurrentEventsByTag(AuditEntry.TagFor(agencyId), Offset.Sequence(after))
            .Where(e => e.Event is AuditEntry entry && (accountId is null || entry.AccountId == accountId))
            .Take(limit)
            .RunWith(Sink.Seq<EventEnvelope>(), _materializer)
            .WaitAsync(cancellationToken);
        var entries = envelopes.Select(e => (AuditEntry)e.Event).ToImmutableList();
        long? next = envelopes.Count == limit && envelopes[^1].Offset is Sequence last ? last.Value : null;
        return new AuditPage(entries, next);
    }
}
