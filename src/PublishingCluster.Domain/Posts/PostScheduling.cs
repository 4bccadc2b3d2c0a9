using System.Collections.Immutable;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;

namespace PublishingCluster.Domain.Posts;

/// <summary>
/// Giving a post's variants their times. A post may be put in the calendar before it is approved (agencies
/// plan ahead of approvals); it only becomes <see cref="PostStatus.Scheduled"/>, and so publishable, once
/// approved, and it expires if its time comes first.
/// </summary>
internal static class PostScheduling
{
    /// <summary>How far ahead the next free queue slot is searched for.</summary>
    public static readonly TimeSpan SlotHorizon = TimeSpan.FromDays(366);

    /// <summary>How far ahead a post may be given its time: two years, beyond any editorial calendar.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(2 * 365);

    public static Decision Schedule(AccountState state, string postId, ScheduleTarget target, DateTimeOffset now, bool reschedule)
    {
        if (PostDecisions.Find(state, postId, out var post) is { } missing)
        {
            return missing;
        }

        if (!post.Status.IsSchedulable())
        {
            return Decision.Reject(PostDecisions.NotIn(post, reschedule ? "reschedule" : "schedule", "neither publishing nor finished"));
        }

        var hasTimes = post.Variants.Values.Any(v => v.ScheduledAt is not null);
        if (reschedule && !hasTimes)
        {
            return Decision.Reject(Rejection.Lifecycle("postId", "post.not-scheduled", $"Post '{postId}' has no time yet; schedule it instead."));
        }

        if (!reschedule && hasTimes)
        {
            return Decision.Reject(Rejection.Lifecycle("postId", "post.already-scheduled", $"Post '{postId}' already has a time; reschedule it instead."));
        }

        if (target.At is { } at && at <= now)
        {
            return Decision.Reject(Rejection.Rule("at", "schedule.in-past", $"{at:O} is not in the future (now is {now:O})."));
        }

        if (target.At is { } far && far - now > MaxAhead)
        {
            return Decision.Reject(Rejection.Rule("at", "schedule.too-far-ahead", $"{far:O} is more than {MaxAhead.TotalDays:0} days ahead (now is {now:O})."));
        }

        var others = Occupancy.Of(state, exceptPostId: postId);
        var times = ImmutableList.CreateBuilder<VariantTime>();
        // Only variants still to go out get a time: one already published (or given up on) in a partly sent
        // post keeps the time it had, which is what its lateness and the calendar report.
        foreach (var variant in post.Variants.Values.Where(v => v.Delivery == VariantDelivery.Pending))
        {
            var channel = state.Channels[variant.ChannelId];
            var weekly = state.OpenContract.ScopeFor(channel.Network)?.PostsPerWeek ?? 0;
            var result = target.At is { } instant
                ? CheckInstant(channel, instant.ToUniversalTime(), weekly, others)
                : NextFreeSlot(channel, now, weekly, others);
            if (result.Rejection is not null)
            {
                return Decision.Reject(result.Rejection);
            }

            times.Add(new VariantTime(channel.ChannelId, result.Time));
            others.Add(channel.ChannelId, result.Time);
        }

        IAccountEvent @event = reschedule
            ? new PostRescheduled(postId, times.ToImmutable(), now)
            : new PostScheduled(postId, times.ToImmutable(), now);
        return Decision.Accept(postId, @event);
    }

    /// <summary>The next queue slot of <paramref name="channel"/> after <paramref name="now"/> that is free, inside a posting window, and in a week with room.</summary>
    public static DateTimeOffset? FindNextFreeSlot(AccountState state, string channelId, DateTimeOffset now)
    {
        var channel = state.Channels[channelId];
        var weekly = state.OpenContract.ScopeFor(channel.Network)?.PostsPerWeek ?? 0;
        var result = NextFreeSlot(channel, now, weekly, Occupancy.Of(state, exceptPostId: null));
        return result.Rejection is null ? result.Time : null;
    }

    private static SlotResult CheckInstant(Channel channel, DateTimeOffset at, int postsPerWeek, Occupancy others)
    {
        if (!ChannelRules.IsInPostingWindow(channel, at))
        {
            return SlotResult.Refused(Rejection.Rule("at", "channel.outside-posting-window",
                $"{at:O} is outside the posting windows of channel '{channel.ChannelId}' ({channel.TimeZone})."));
        }

        var zone = TimeZones.Find(channel.TimeZone);
        if (others.CountInWeek(channel.ChannelId, TimeZones.WeekStart(at, zone), zone) >= postsPerWeek)
        {
            return SlotResult.Refused(Rejection.Rule("at", "contract.scope.posts-per-week-exceeded",
                $"The contract allows {postsPerWeek} posts a week on {channel.Network}; that week is full."));
        }

        return SlotResult.Found(at);
    }

    private static SlotResult NextFreeSlot(Channel channel, DateTimeOffset now, int postsPerWeek, Occupancy others)
    {
        if (channel.QueueSlots.IsEmpty)
        {
            return SlotResult.Refused(Rejection.Rule("nextSlot", "channel.no-queue-slots",
                $"Channel '{channel.ChannelId}' has no queue slots; schedule at a time instead."));
        }

        var zone = TimeZones.Find(channel.TimeZone);
        var startDate = DateOnly.FromDateTime(TimeZones.ToLocal(now, zone));
        var days = (int)SlotHorizon.TotalDays;
        for (var d = 0; d <= days; d++)
        {
            var date = startDate.AddDays(d);
            // Ordered by instant, not by wall time: on the day of a spring change a slot in the gap moves forward
            // and can land after a later slot (02:45 becomes 03:45, after 03:30), which must be filled first.
            var instants = channel.QueueSlots
                .Where(s => s.Day == date.DayOfWeek)
                .Select(s => TimeZones.ToInstant(date, s.Time, zone))
                .Order();
            foreach (var instant in instants)
            {
                if (instant <= now || others.IsTaken(channel.ChannelId, instant))
                {
                    continue;
                }

                // A slot lies in its window by construction, except where the clock change swallows the window
                // (a 01:00-02:00 window in a 01:00-02:00 gap): a post there could only wait and then be too late.
                if (!ChannelRules.IsInPostingWindow(channel, instant))
                {
                    continue;
                }

                if (others.CountInWeek(channel.ChannelId, TimeZones.WeekStart(instant, zone), zone) >= postsPerWeek)
                {
                    continue;
                }

                return SlotResult.Found(instant);
            }
        }

        return SlotResult.Refused(Rejection.Rule("nextSlot", "queue.full",
            $"Channel '{channel.ChannelId}' has no free queue slot in the next {days} days."));
    }

    private readonly record struct SlotResult(DateTimeOffset Time, Rejection? Rejection)
    {
        public static SlotResult Found(DateTimeOffset time) => new(time, null);

        public static SlotResult Refused(Rejection rejection) => new(default, rejection);
    }

    /// <summary>The times already claimed on each channel by posts that may still go out.</summary>
    private sealed class Occupancy
    {
        private readonly Dictionary<string, List<DateTimeOffset>> _byChannel = new(StringComparer.Ordinal);

        public static Occupancy Of(AccountState state, string? exceptPostId)
        {
            var occupancy = new Occupancy();
            foreach (var post in state.Posts.Values)
            {
                if (post.PostId == exceptPostId || post.Status is PostStatus.Cancelled or PostStatus.Expired)
                {
                    continue;
                }

                foreach (var variant in post.Variants.Values)
                {
                    if (variant.ScheduledAt is { } at && variant.Delivery != VariantDelivery.Failed)
                    {
                        occupancy.Add(variant.ChannelId, at);
                    }
                }
            }

            return occupancy;
        }

        public void Add(string channelId, DateTimeOffset at)
        {
            if (!_byChannel.TryGetValue(channelId, out var times))
            {
                _byChannel[channelId] = times = [];
            }

            times.Add(at);
        }

        public bool IsTaken(string channelId, DateTimeOffset at) =>
            _byChannel.TryGetValue(channelId, out var times) && times.Contains(at);

        public int CountInWeek(string channelId, DateOnly weekStart, TimeZoneInfo zone) =>
            _byChannel.TryGetValue(channelId, out var times)
                ? times.Count(t => TimeZones.WeekStart(t, zone) == weekStart)
                : 0;
    }
}
