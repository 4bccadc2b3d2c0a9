namespace PublishingCluster.Domain.Posts;

/// <summary>
/// A post's place in its lifecycle:
/// draft -> in review -> awaiting client -> approved -> scheduled -> publishing -> published | failed,
/// with expired (its time came before its approval) and cancelled as the other ends.
/// </summary>
public enum PostStatus
{
    Draft,
    InReview,
    AwaitingClient,
    Approved,
    Scheduled,
    Publishing,
    Published,
    Failed,
    Expired,
    Cancelled,
}

public static class PostStatusExtensions
{
    /// <summary>No command moves a post out of these.</summary>
    public static bool IsFinal(this PostStatus status) =>
        status is PostStatus.Published or PostStatus.Failed or PostStatus.Expired or PostStatus.Cancelled;

    /// <summary>Before approval: such a post must never reach a network.</summary>
    public static bool IsAwaitingApproval(this PostStatus status) =>
        status is PostStatus.Draft or PostStatus.InReview or PostStatus.AwaitingClient;

    /// <summary>States in which a post's times may still be set or moved.</summary>
    public static bool IsSchedulable(this PostStatus status) =>
        status is PostStatus.Draft or PostStatus.InReview or PostStatus.AwaitingClient or PostStatus.Approved or PostStatus.Scheduled;
}
