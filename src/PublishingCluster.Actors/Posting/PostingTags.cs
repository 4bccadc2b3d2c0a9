using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;
using PublishingCluster.Domain.Reporting;

namespace PublishingCluster.Actors.Posting;

/// <summary>
/// The events that can bring an account's next due work earlier (publishing, or the close of a reporting period:
/// an account's first period starts when it opens and a contract change can shorten the next; an engagement's
/// response deadline, an escalation's first climb, a report's acknowledgement deadline), or leave a
/// variant in flight. They are
/// tagged with the account's posting partition so that a partition rebuilding its index finds every account
/// that may have work. (Events that only remove work need no tag: a stale entry costs one idle wake-up.)
/// </summary>
public static class PostingTags
{
    public static bool Affects(IAccountEvent @event) => @event is
        PostScheduled or PostRescheduled or PostApprovedByClient or VariantPublishingStarted or VariantPublishDeferred
        or AccountOpened or ContractUpdated or EngagementReceived or EscalationRaised or ReportIssued;
}
