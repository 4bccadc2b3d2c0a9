using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using PublishingCluster.Actors.Notifications;

namespace PublishingCluster.Server.Notifications;

/// <summary>The journal's events with a tag, after an offset, in the order they were stored.</summary>
public sealed class JournalNotificationSource(ActorSystem system, string tag) : INotificationSource
{
    private readonly SqlReadJournal _journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
    private readonly IMaterializer _materializer = system.Materializer();

    public async Task<IReadOnlyList<StoredFact>> ReadAsync(long afterOffset, int max, CancellationToken cancellationToken)
    {
        var envelopes = await _journal.CurrentEventsByTag(tag, Offset.Sequence(afterOffset))
            .Take(max)
            .RunWith(Sink.Seq<EventEnvelope>(), _materializer)
            .WaitAsync(cancellationToken);
        return [.. envelopes.Select(e => new StoredFact(((Sequence)e.Offset).Value, e.PersistenceId, e.Tags, e.Event))];
    }
}
