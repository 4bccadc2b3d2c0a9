using System.Collections.Immutable;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Partnership;

namespace PublishingCluster.Domain.Posts;

/// <summary>
/// How the posts' events change the account. A post sent to the client, answered by the client or taken out of the
/// calendar also starts or ends the partnership's wait for the client's answer.
/// </summary>
internal static class PostEvolution
{
    public static AccountState Apply(AccountState state, IPostEvent @event) => @event switch
    {
        PostDrafted e => state with
        {
            Posts = state.Posts.SetItem(e.PostId, NewPost(e)),
            RequestFingerprints = AccountEvolution.Remember(state, e.PostId, e.RequestFingerprint),
        },
        PostSubmittedForReview e => WithPost(state, e.PostId, p => p with { Status = PostStatus.InReview }),
        PostApprovedByAgency e => PartnershipEvolution.WithApprovalWait(WithPost(state, e.PostId, p => p with { Status = PostStatus.AwaitingClient }), new ApprovalWait(e.PostId, e.At)),
        PostApprovedByClient e => PartnershipEvolution.ClientAnswered(WithPost(state, e.PostId, p => p with { Status = p.IsScheduled ? PostStatus.Scheduled : PostStatus.Approved }), e.PostId, e.At),
        PostRejected e => WithPost(Rejected(state, e), e.PostId, p => p with { Status = PostStatus.Draft, LastRejectionReason = e.Reason }),
        PostScheduled e => WithPost(state, e.PostId, p => WithTimes(p, e.Times) is var timed && timed.Status == PostStatus.Approved
            ? timed with { Status = PostStatus.Scheduled }
            : timed),
        PostRescheduled e => WithPost(state, e.PostId, p => WithTimes(p, e.Times)),
        PostCancelled e => PartnershipEvolution.WithoutApprovalWait(WithPost(state, e.PostId, p => p with { Status = PostStatus.Cancelled, CancellationReason = e.Reason }), e.PostId),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown post event."),
    };

    private static Post NewPost(PostDrafted e) => new(
        e.PostId,
        e.Title,
        e.Variants
            .Select(v => new PostVariant(v.ChannelId, v.Text, v.Media))
            .ToImmutableSortedDictionary(v => v.ChannelId, v => v, StringComparer.Ordinal),
        PostStatus.Draft,
        e.At);

    /// <summary>A rejection of a post awaiting the client is the client's answer; one in the agency's review is not.</summary>
    private static AccountState Rejected(AccountState state, PostRejected e) =>
        state.Posts[e.PostId].Status == PostStatus.AwaitingClient ? PartnershipEvolution.ClientAnswered(state, e.PostId, e.At) : state;

    internal static AccountState WithPost(AccountState state, string postId, Func<Post, Post> change) =>
        state with { Posts = state.Posts.SetItem(postId, change(state.Posts[postId])) };

    private static Post WithTimes(Post post, ImmutableList<VariantTime> times) =>
        post with
        {
            Variants = times.Aggregate(post.Variants, (variants, t) => variants.SetItem(t.ChannelId, variants[t.ChannelId] with { ScheduledAt = t.ScheduledAt })),
        };
}
