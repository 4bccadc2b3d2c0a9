using Akka.Persistence.Query;
using PublishingCluster.Actors.Notifications;
using PublishingCluster.Server.Hosting;

namespace PublishingCluster.Server.Notifications;

/// <summary>The journal's events with a tag, after an offset, in the order they were stored.</summary>
public sealed class JournalNotificationSource(TaggedJournalReader journal, string tag) : INotificationSource
{
    public async Task<IReadOnlyList<StoredFact>> ReadAsync(long afterOffset, int max, CancellationToken cancellationToken)
    {
        var facts = new List<StoredFact>();
        await foreach (var envelope in journal.EventsAsync(tag, afterOffset, cancellationToken))
        {
            facts.Add(new StoredFact(((Sequence)envelope.Offset).Value, envelope.PersistenceId, envelope.Tags, envelope.Event));
            if (facts.Count == max)
            {
                break;
            }
        }

        return facts;
    }
}
