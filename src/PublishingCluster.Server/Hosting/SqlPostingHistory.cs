using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Posting;

namespace PublishingCluster.Server.Hosting;

/// <summary>
/// The journal's memory of which accounts changed a schedule, for a posting partition rebuilding its index: the
/// accounts that wrote events with the partition's tag after an offset. Only their ids are read, from the tag
/// table, not the events.
/// </summary>
public sealed class SqlPostingHistory(TaggedJournalReader journal) : IPostingHistory
{
    public async Task<(IReadOnlySet<string> AccountIds, long Offset)> AccountsSinceAsync(string tag, long offset, CancellationToken cancellationToken)
    {
        var (persistenceIds, last) = await journal.PersistenceIdsAsync(tag, offset, cancellationToken);
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var persistenceId in persistenceIds)
        {
            if (ClientAccountActor.AccountIdOf(persistenceId) is { } accountId)
            {
                accounts.Add(accountId);
            }
        }

        return (accounts, last);
    }
}
