using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Domain.Publishing;

/// <summary>
/// How publishing's events change the account: each moves one variant, and the post's status follows from where its
/// variants stand. A post that expires unapproved is no longer the client's to answer.
/// </summary>
internal static class PublishingEvolution
{
    public static AccountState Apply(AccountState state, IPublishingEvent @event) => @event switch
    {
        VariantPublishingStarted e => WithVariant(state, e.PostId, e.ChannelId, v => v with
        {
            Delivery = VariantDelivery.Publishing,
            Attempts = v.Attempts + 1,
            StartedAt = e.At,
        }),
        VariantPublishDeferred e => WithVariant(state, e.PostId, e.ChannelId, v => v with
        {
            Delivery = VariantDelivery.Pending,
            NextAttemptAt = e.Until,
            LastDeferral = e.Reason,
        }),
        VariantPublished e => WithVariant(state, e.PostId, e.ChannelId, v => v with { Delivery = VariantDelivery.Published, ExternalId = e.ExternalId, PublishedAt = e.At }),
        VariantPublishFailed e => WithVariant(state, e.PostId, e.ChannelId, v => v with { Delivery = VariantDelivery.Failed, FailureReason = e.Reason }),
        PostExpired e => PartnershipEvolution.WithoutApprovalWait(PostEvolution.WithPost(state, e.PostId, p => p with { Status = PostStatus.Expired }), e.PostId),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown publishing event."),
    };

    /// <summary>Changes one variant, then derives the post's status from where its variants stand.</summary>
    private static AccountState WithVariant(AccountState state, string postId, string channelId, Func<PostVariant, PostVariant> change) =>
        PostEvolution.WithPost(state, postId, post =>
        {
            var variants = post.Variants.SetItem(channelId, change(post.Variants[channelId]));
            var deliveries = variants.Values.Select(v => v.Delivery).ToList();
            var status = deliveries switch
            {
                _ when deliveries.Contains(VariantDelivery.Publishing) => PostStatus.Publishing,
                _ when deliveries.Contains(VariantDelivery.Pending) => PostStatus.Scheduled,
                _ when deliveries.Contains(VariantDelivery.Failed) => PostStatus.Failed,
                _ => PostStatus.Published,
            };
            return post with { Variants = variants, Status = status };
        });
}
