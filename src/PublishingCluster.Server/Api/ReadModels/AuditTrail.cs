using System.Collections.Immutable;
using Akka.Persistence.Query;
using PublishingCluster.Actors.Audit;
using PublishingCluster.Server.Hosting;

namespace PublishingCluster.Server.Api.ReadModels;

/// <summary>One page of an agency's audit trail and the offset to ask for the next.</summary>
public sealed record AuditPage(ImmutableList<AuditEntry> Entries, long? Next);

/// <summary>
/// Reads an agency's audit trail from the journal: the <see cref="AuditEntry"/> events its accounts wrote,
/// by tag, in the order they were stored, in pages from an offset.
/// </summary>
public sealed class AuditTrail(TaggedJournalReader journal)
{
    public const int MaxPageSize = 500;

    public async Task<AuditPage> ReadAsync(string agencyId, string? accountId, long after, int limit, CancellationToken cancellationToken)
    {
        var entries = ImmutableList.CreateBuilder<AuditEntry>();
        long last = after;
        await foreach (var envelope in journal.EventsAsync(AuditEntry.TagFor(agencyId), after, cancellationToken))
        {
            if (envelope.Event is AuditEntry entry && (accountId is null || entry.AccountId == accountId))
            {
                entries.Add(entry);
                last = ((Sequence)envelope.Offset).Value;
                if (entries.Count == limit)
                {
                    break;
                }
            }
        }

        long? next = entries.Count == limit ? last : null;
        return new AuditPage(entries.ToImmutable(), next);
    }
}
