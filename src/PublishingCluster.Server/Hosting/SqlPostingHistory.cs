using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Posting;

namespace PublishingCluster.Server.Hosting;

/// <summary>
/// The journal's memory of which accounts changed a schedule, for a posting partition rebuilding its index: the
/// accounts that wrote events with the partition's tag after an offset, read with the SQL read journal.
/// </summary>
public sealed class SqlPostingHistory(ActorSystem system) : IPostingHistory
{
    private readonly SqlReadJournal _journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
    private readonly IMaterializer _materializer = system.Materializer();

    public async Task<(IReadOnlySet<string> AccountIds, long Offset)> AccountsSinceAsync(string tag, long offset, CancellationToken cancellationToken)
    {
        var seen = await _journal.CurrentEventsByTag(tag, Offset.Sequence(offset))
            .RunAggregate(
                (Accounts: new HashSet<string>(StringComparer.Ordinal), Offset: offset),
                (acc, envelope) =>
                {
                    if (ClientAccountActor.AccountIdOf(envelope.PersistenceId) is { } accountId)
                    {
                        acc.Accounts.Add(accountId);
                    }

                    return envelope.Offset is Sequence sequence && sequence.Value > acc.Offset ? (acc.Accounts, sequence.Value) : acc;
                },
                _materializer)
            .WaitAsync(cancellationToken);
        return (seen.Accounts, seen.Offset);
    }
}
