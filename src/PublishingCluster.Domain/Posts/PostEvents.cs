using System.Collections.Immutable;
using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Posts;

/// <summary>A step of a post through drafting, review, approval and the calendar. Applied by <see cref="PostEvolution"/>.</summary>
public interface IPostEvent : IAccountEvent;

public sealed record PostDrafted(string PostId, string Title, ImmutableList<VariantContent> Variants, string? RequestFingerprint, DateTimeOffset At) : IPostEvent;

public sealed record PostSubmittedForReview(string PostId, DateTimeOffset At) : IPostEvent;

public sealed record PostApprovedByAgency(string PostId, DateTimeOffset At) : IPostEvent;

public sealed record PostApprovedByClient(string PostId, DateTimeOffset At) : IPostEvent;

public sealed record PostRejected(string PostId, string Reason, DateTimeOffset At) : IPostEvent;

public sealed record PostScheduled(string PostId, ImmutableList<VariantTime> Times, DateTimeOffset At) : IPostEvent;

public sealed record PostRescheduled(string PostId, ImmutableList<VariantTime> Times, DateTimeOffset At) : IPostEvent;

public sealed record PostCancelled(string PostId, string? Reason, DateTimeOffset At) : IPostEvent;

/// <summary>The instant one channel's variant of a post is due.</summary>
public sealed record VariantTime(string ChannelId, DateTimeOffset ScheduledAt);
