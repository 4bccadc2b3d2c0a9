using PublishingCluster.Domain.Contracts;

namespace PublishingCluster.Domain.Engagement;

/// <summary>When an engagement must have its first response: the contract's SLA in business time, tighter for negative ones.</summary>
public static class ResponseDeadline
{
    public static DateTimeOffset For(ResponseSla sla, Sentiment sentiment, DateTimeOffset receivedAt)
    {
        var minutes = sentiment == Sentiment.Negative ? Math.Min(sla.NegativeFirstResponseMinutes, sla.FirstResponseMinutes) : sla.FirstResponseMinutes;
        return BusinessTime.Add(sla.BusinessHours, receivedAt, TimeSpan.FromMinutes(minutes));
    }
}
