using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Common;

namespace PublishingCluster.Domain.Posts;

/// <summary>Creating posts and moving them through review and approval, or out of the calendar.</summary>
internal static class PostDecisions
{
    public const int MaxReasonLength = 1000;
    public const int MaxPostsPerAccount = 20_000;

    public static Decision Create(AccountState state, CreatePost command, DateTimeOffset now)
    {
        if (state.Posts.ContainsKey(command.PostId))
        {
            return state.WasCreatedBy(command.PostId, command.RequestFingerprint)
                ? Decision.Accept(command.PostId)
                : Decision.Reject(command.RequestFingerprint is null
                    ? Rejection.Lifecycle("postId", "post.already-exists", $"Post '{command.PostId}' already exists.")
                    : Rejection.Rule("Idempotency-Key", "idempotency.key-reused", "This idempotency key was used for a different request."));
        }

        if (PostRules.ValidateContent(command.Title, command.Variants, state.Channels) is { } invalid)
        {
            return Decision.Reject(invalid);
        }

        if (state.Posts.Count >= MaxPostsPerAccount)
        {
            return Decision.Reject(Rejection.Rule("postId", "post.too-many", $"An account holds at most {MaxPostsPerAccount} posts."));
        }

        return Decision.Accept(command.PostId, new PostDrafted(command.PostId, command.Title, command.Variants, command.RequestFingerprint, now));
    }

    public static Decision Submit(AccountState state, SubmitPostForReview command, DateTimeOffset now) =>
        Transition(state, command.PostId, PostStatus.Draft, "submit for review", () => new PostSubmittedForReview(command.PostId, now));

    public static Decision Approve(AccountState state, ApprovePost command, DateTimeOffset now) =>
        Transition(state, command.PostId, PostStatus.InReview, "approve", () => new PostApprovedByAgency(command.PostId, now));

    public static Decision ClientApprove(AccountState state, ClientApprovePost command, DateTimeOffset now)
    {
        if (Find(state, command.PostId, out var post) is { } missing)
        {
            return missing;
        }

        if (post.Status == PostStatus.AwaitingClient && post.FirstScheduledAt is { } due && due <= now)
        {
            return Decision.Reject(Rejection.Lifecycle("postId", "post.approval-too-late",
                $"Post '{post.PostId}' was due at {due:O}; reschedule it before approving."));
        }

        return Transition(state, command.PostId, PostStatus.AwaitingClient, "client-approve", () => new PostApprovedByClient(command.PostId, now));
    }

    public static Decision Reject(AccountState state, RejectPost command, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(command.Reason) || command.Reason.Length > MaxReasonLength)
        {
            return Decision.Reject(Rejection.Invalid("reason", "post.reason-invalid", $"A reason of 1 to {MaxReasonLength} characters is required."));
        }

        if (Find(state, command.PostId, out var post) is { } missing)
        {
            return missing;
        }

        return post.Status is PostStatus.InReview or PostStatus.AwaitingClient
            ? Decision.Accept(post.PostId, new PostRejected(post.PostId, command.Reason, now))
            : Decision.Reject(NotIn(post, "reject", "in review or awaiting the client"));
    }

    public static Decision Cancel(AccountState state, CancelPost command, DateTimeOffset now)
    {
        if (command.Reason is { Length: > MaxReasonLength })
        {
            return Decision.Reject(Rejection.Invalid("reason", "post.reason-invalid", $"A reason has at most {MaxReasonLength} characters."));
        }

        if (Find(state, command.PostId, out var post) is { } missing)
        {
            return missing;
        }

        return post.Status.IsFinal() || post.Status == PostStatus.Publishing
            ? Decision.Reject(NotIn(post, "cancel", "not yet publishing"))
            : Decision.Accept(post.PostId, new PostCancelled(post.PostId, command.Reason, now));
    }

    /// <summary>Looks a post up; the rejection when it is missing, null when found.</summary>
    internal static Decision? Find(AccountState state, string postId, out Post post)
    {
        if (state.Posts.TryGetValue(postId, out post!))
        {
            return null;
        }

        return Decision.Reject(Rejection.NotFound("postId", "post.not-found", $"Account '{state.AccountId}' has no post '{postId}'."));
    }

    internal static Rejection NotIn(Post post, string action, string expected) =>
        Rejection.Lifecycle("postId", "post.wrong-status",
            $"Cannot {action} post '{post.PostId}': it is {post.Status}, and must be {expected}.");

    private static Decision Transition(AccountState state, string postId, PostStatus from, string action, Func<IAccountEvent> makeEvent)
    {
        if (Find(state, postId, out var post) is { } missing)
        {
            return missing;
        }

        return post.Status == from
            ? Decision.Accept(postId, makeEvent())
            : Decision.Reject(NotIn(post, action, from.ToString()));
    }
}
