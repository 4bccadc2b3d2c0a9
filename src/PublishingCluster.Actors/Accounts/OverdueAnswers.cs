using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;

namespace PublishingCluster.Actors.Accounts;

/// <summary>
/// The account's watch over its variants in flight. A send whose answer never came back (a message lost, a
/// journal write refused while recording it) would leave its variant publishing for ever, since only an answer
/// moves it on. So each variant in flight is due for a look-up by idempotency key once
/// <see cref="ClientAccountSettings.AnswerOverdueAfter"/> has passed since it was sent, and again after twice that
/// since the last look-up, doubling up to an hour: a node that is only slow (its journal behind) is not given more
/// work the slower it gets. The network's answer to the look-up records it published, or lets it be sent again.
/// In memory only: after a restart every variant in flight is asked about at once anyway.
/// </summary>
internal sealed class OverdueAnswers(TimeSpan overdueAfter)
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);
    private readonly Dictionary<string, (DateTimeOffset At, int Times)> _asked = new(StringComparer.Ordinal);

    // Asked about when the account recovered, before it knew the time: the first wake-up after counts as that ask.
    private readonly HashSet<string> _askedOnRecovery = new(StringComparer.Ordinal);

    /// <summary>
    /// Every variant in flight when the account recovered, each marked as asked about. Without the mark, an account
    /// that recovers on a wake-up after an answer is overdue would ask twice (on recovery and on the wake-up); each
    /// "not there" sends the variant again, so it would go out twice.
    /// </summary>
    public List<(Post Post, PostVariant Variant)> TakeInFlightOnRecovery(AccountState state)
    {
        var inFlight = PublishingSchedule.InFlight(state).ToList();
        foreach (var (post, variant) in inFlight)
        {
            _askedOnRecovery.Add(state.IdempotencyKeyFor(post.PostId, variant.ChannelId));
        }

        return inFlight;
    }

    /// <summary>When the next variant in flight is overdue; null when none is in flight.</summary>
    public DateTimeOffset? NextCheck(AccountState state)
    {
        DateTimeOffset? next = null;
        foreach (var (post, variant) in PublishingSchedule.InFlight(state))
        {
            var at = CheckAt(state, post, variant);
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
            if (_askedOnRecovery.Remove(key) && (!_asked.TryGetValue(key, out var earlier) || earlier.At < (variant.StartedAt ?? DateTimeOffset.MinValue)))
            {
                _asked[key] = (now, 1);
                continue;
            }

            if (CheckAt(state, post, variant) <= now)
            {
                overdue.Add((post, variant));
                _asked[key] = (now, _asked.TryGetValue(key, out var before) ? before.Times + 1 : 1);
            }
        }

        // Forget the variants that have landed since.
        foreach (var key in _asked.Keys.Where(k => !inFlight.Contains(k)).ToList())
        {
            _asked.Remove(key);
        }

        _askedOnRecovery.RemoveWhere(k => !inFlight.Contains(k));

        return overdue;
    }

    private DateTimeOffset CheckAt(AccountState state, Post post, PostVariant variant)
    {
        var sent = variant.StartedAt ?? DateTimeOffset.MinValue;
        if (!_asked.TryGetValue(state.IdempotencyKeyFor(post.PostId, variant.ChannelId), out var asked) || asked.At < sent)
        {
            return sent + overdueAfter;
        }

        var wait = TimeSpan.FromTicks((long)Math.Min(overdueAfter.Ticks * Math.Pow(2, asked.Times), LongestWait.Ticks));
        return asked.At + wait;
    }
}
