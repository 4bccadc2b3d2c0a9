using System.Collections.Immutable;
using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Posts;

public sealed record CreatePost(string AccountId, string PostId, string Title, ImmutableList<VariantContent> Variants, string? RequestFingerprint = null) : IRepeatableCommand;

public sealed record SubmitPostForReview(string AccountId, string PostId) : IAccountCommand;

/// <summary>The agency's internal approval: the post goes to the client for theirs.</summary>
public sealed record ApprovePost(string AccountId, string PostId) : IAccountCommand;

/// <summary>The client's approval: the post may be published.</summary>
public sealed record ClientApprovePost(string AccountId, string PostId) : IAccountCommand;

/// <summary>Sends a post in review or awaiting the client back to draft, with the reason.</summary>
public sealed record RejectPost(string AccountId, string PostId, string Reason) : IAccountCommand;

/// <summary>Gives every variant of a post its time: the same instant for all, or each channel's next free queue slot.</summary>
public sealed record SchedulePost(string AccountId, string PostId, ScheduleTarget Target) : IAccountCommand;

public sealed record ReschedulePost(string AccountId, string PostId, ScheduleTarget Target) : IAccountCommand;

public sealed record CancelPost(string AccountId, string PostId, string? Reason = null) : IAccountCommand;

/// <summary>When a post goes out: at an instant, or (when <see cref="At"/> is null) in each channel's next free queue slot.</summary>
public sealed record ScheduleTarget(DateTimeOffset? At)
{
    public static ScheduleTarget NextFreeSlot { get; } = new((DateTimeOffset?)null);

    public static ScheduleTarget Exactly(DateTimeOffset at) => new(at);
}
