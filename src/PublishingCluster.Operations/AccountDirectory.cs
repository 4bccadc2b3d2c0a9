using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using PublishingCluster.Actors.Accounts;

namespace PublishingCluster.Operations;

/// <summary>
/// Which accounts exist, for operators: the account persistence ids the journal holds, read with the SQL read
/// journal, so listing wakes no account. Ids come back in ordinal order, a page at a time.
/// </summary>
public sealed class AccountDirectory(ActorSystem system)
{
    private readonly Lazy<SqlReadJournal> _journal = new(() => PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier));
    private readonly Lazy<IMaterializer> _materializer = new(() => system.Materializer());

    /// <summary>Up to <paramref name="limit"/> account ids starting with <paramref name="prefix"/>, after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<string>> IdsAsync(string prefix, string? after, int limit, CancellationToken cancellationToken)
    {
        var ids = await _journal.Value.CurrentPersistenceIds()
            // Streams carry no nulls: keep the account ids, then drop the prefix.
            .Where(persistenceId => ClientAccountActor.AccountIdOf(persistenceId) is { } id
                && id.StartsWith(prefix, StringComparison.Ordinal) && (after is null || string.CompareOrdinal(id, after) > 0))
            .RunWith(Sink.Seq<string>(), _materializer.Value)
            .WaitAsync(cancellationToken);
        return [.. ids.Select(id => ClientAccountActor.AccountIdOf(id)!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(limit)];
    }
}
