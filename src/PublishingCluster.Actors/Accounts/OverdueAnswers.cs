using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Actors.Accounts;

/// <summary>
/// The account's watch over its variants in flight. A send whose answer never came back (a message lost, a
/// journal write refused while recording it) would leave its variant publishing for ever, since only an answer
/// moves it on. So each variant in flight is due for a look-up by idempotency key once
/// <see cref="ClientAccountSettings.AnswerOverdueAfter"/> has passed since it was sent or last asked about; the
/// network's answer to the look-up records it published, or lets it be sent again. In memory only: after a restart
/// every variant in flight is asked about at once anyway.
/// </summary>
internal sealed class OverdueAnswers(TimeSpan overdueAfter)
{
    private readonly Dictionary<string, DateTimeOffset> _askedAt = new(StringComparer.Ordinal);

    /// <summary>When the next variant in flight is overdue; null when none is in flight.</summary>
    public DateTimeOffset? NextCheck(AccountState state)
    {
        DateTimeOffset? next = null;
        foreach (var (post, variant) in PublishingSchedule.InFlight(state))
        {
            var at = Since(state, post, variant) + overdueAfter;
            next = next is null || at < next ? at : next;
        }

        return next;
    }

    /// <summary>The variants in flight overdue at <paramref name="now"/>, marked as asked about now.</summary>
    public List<(Post Post, PostVariant Variant)> TakeOverdue(AccountState state, DateTimeOffset now)
    {
        var overdue = new List<(Post, PostVariant)>();
        var inFlight = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (post, variant) in PublishingSchedule.InFlight(state))
        {
            var key = state.IdempotencyKeyFor(post.PostId, variant.ChannelId);
            inFlight.Add(key);
            if (Since(state, post, variant) + overdueAfter <= now)
            {
                overdue.Add((post, variant));
                _askedAt[key] = now;
            }
        }

        // Forget the variants that have landed since.
        foreach (var key in _askedAt.Keys.Where(k => !inFlight.Contains(k)).ToList())
        {
            _askedAt.Remove(key);
        }

        return overdue;
    }

    private DateTimeOffset Since(AccountState state, Post post, PostVariant variant)
    {
        var sent = variant.StartedAt ?? DateTimeOffset.MinValue;
        return _askedAt.TryGetValue(state.IdempotencyKeyFor(post.PostId, variant.ChannelId), out var asked) && asked > sent ? asked : sent;
    }
}
