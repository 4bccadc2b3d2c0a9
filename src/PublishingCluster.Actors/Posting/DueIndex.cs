namespace PublishingCluster.Actors.Posting;

/// <summary>Accounts ordered by when they are next due; each operation costs O(log n).</summary>
internal sealed class DueIndex
{
    private readonly Dictionary<string, DateTimeOffset> _byAccount = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset Due, string AccountId)> _ordered = new(Comparer<(DateTimeOffset Due, string AccountId)>.Create(
        (a, b) => a.Due != b.Due ? a.Due.CompareTo(b.Due) : string.CompareOrdinal(a.AccountId, b.AccountId)));

    public int Count => _byAccount.Count;

    public void Set(string accountId, DateTimeOffset? due)
    {
        if (_byAccount.Remove(accountId, out var previous))
        {
            _ordered.Remove((previous, accountId));
        }

        if (due is { } at)
        {
            _byAccount[accountId] = at;
            _ordered.Add((at, accountId));
        }
    }

    /// <summary>
    /// At most <paramref name="limit"/> of the accounts due at or before <paramref name="now"/>, earliest first (a
    /// copy: the caller may change the index).
    /// </summary>
    public List<string> DueBy(DateTimeOffset now, int limit = int.MaxValue)
    {
        // The idle tick's whole cost: one walk down the tree's left edge, no allocation beyond the empty list.
        if (limit <= 0 || _ordered.Count == 0 || _ordered.Min.Due > now)
        {
            return [];
        }

        var due = new List<string>();
        foreach (var (at, accountId) in _ordered)
        {
            if (at > now || due.Count == limit)
            {
                break;
            }

            due.Add(accountId);
        }

        return due;
    }

    public IReadOnlyList<(string AccountId, DateTimeOffset Due)> Until(DateTimeOffset until) =>
        _ordered.TakeWhile(e => e.Due <= until).Select(e => (e.AccountId, e.Due)).ToList();

    public IReadOnlyDictionary<string, DateTimeOffset> Entries() => new Dictionary<string, DateTimeOffset>(_byAccount, StringComparer.Ordinal);

    public void Load(IReadOnlyDictionary<string, DateTimeOffset> entries)
    {
        foreach (var (accountId, due) in entries)
        {
            Set(accountId, due);
        }
    }
}
