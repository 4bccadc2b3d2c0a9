using PublishingCluster.Channels;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Publishing;

namespace PublishingCluster.Actors.Accounts;

/// <summary>Turns a network's answers into the account commands that record them.</summary>
public static class PublishOutcomes
{
    public static IAccountCommand ToCommand(PublishAnswered answer) => answer.Outcome switch
    {
        PublishOutcome.Published p => new RecordPublished(answer.AccountId, answer.PostId, answer.ChannelId, p.ExternalId),
        PublishOutcome.Duplicate d => new RecordPublished(answer.AccountId, answer.PostId, answer.ChannelId, d.ExternalId),
        PublishOutcome.RateLimited r => new RecordPublishRetryable(answer.AccountId, answer.PostId, answer.ChannelId, r.Reason, r.RetryAfter),
        PublishOutcome.Retryable r => new RecordPublishRetryable(answer.AccountId, answer.PostId, answer.ChannelId, r.Reason),
        PublishOutcome.NeedsHuman h => new RecordPublishFailed(answer.AccountId, answer.PostId, answer.ChannelId, h.Reason, NeedsHuman: true),
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer.Outcome.GetType().Name, "Unknown publish outcome."),
    };

    public static IAccountCommand ToCommand(LookupAnswered answer) => answer.Outcome switch
    {
        LookupOutcome.Found f => new RecordPublished(answer.AccountId, answer.PostId, answer.ChannelId, f.ExternalId),
        LookupOutcome.NotFound => new RecordPublishRetryable(answer.AccountId, answer.PostId, answer.ChannelId,
            "Found in flight after a restart and not on the network: sending again.", Immediately: true),
        LookupOutcome.Unavailable u => new RecordPublishRetryable(answer.AccountId, answer.PostId, answer.ChannelId, $"Could not ask the network after a restart: {u.Reason}"),
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer.Outcome.GetType().Name, "Unknown lookup outcome."),
    };
}
