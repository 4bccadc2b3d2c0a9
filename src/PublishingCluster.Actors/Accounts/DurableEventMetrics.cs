using PublishingCluster.Actors.Telemetry;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Publishing;

namespace PublishingCluster.Actors.Accounts;

/// <summary>What the node's metrics count of an account's events once they are durable: publications and their lateness, escalations raised.</summary>
internal static class DurableEventMetrics
{
    /// <summary>Counts <paramref name="events"/>, read against <paramref name="state"/>, the account once they apply.</summary>
    public static void Record(PublishingMetrics metrics, AccountState state, IEnumerable<IAccountEvent> events)
    {
        foreach (var @event in events)
        {
            switch (@event)
            {
                case VariantPublished published
                    when state.Posts.TryGetValue(published.PostId, out var post)
                        && post.Variants.TryGetValue(published.ChannelId, out var variant)
                        && variant.Lateness is { } lateness
                        && state.Channels.TryGetValue(published.ChannelId, out var channel):
                    metrics.VariantPublished(channel.Network, lateness);
                    break;
                case EscalationRaised raised:
                    metrics.EscalationRaised(raised.Cause);
                    break;
            }
        }
    }
}
