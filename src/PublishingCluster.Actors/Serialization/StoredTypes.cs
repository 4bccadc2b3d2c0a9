using PublishingCluster.Actors.Audit;
using PublishingCluster.Actors.Notifications;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Agencies;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;
using PublishingCluster.Domain.Reporting;

namespace PublishingCluster.Actors.Serialization;

/// <summary>
/// The names under which events and snapshots are stored. A stored name never changes and never names a CLR
/// type, so classes can be renamed or moved freely. When a record's shape changes incompatibly, give it a new
/// version here and add an upcaster for the old name in <see cref="Upcasters"/>, which rewrites old JSON into
/// the new shape when it is read.
/// </summary>
public static class StoredTypes
{
    private static readonly (string Manifest, Type Type)[] Current =
    [
        ("account-opened.v1", typeof(AccountOpened)),
        ("contract-updated.v1", typeof(ContractUpdated)),
        ("channel-connected.v1", typeof(ChannelConnected)),
        ("post-drafted.v1", typeof(PostDrafted)),
        ("post-submitted-for-review.v1", typeof(PostSubmittedForReview)),
        ("post-approved-by-agency.v1", typeof(PostApprovedByAgency)),
        ("post-approved-by-client.v1", typeof(PostApprovedByClient)),
        ("post-rejected.v1", typeof(PostRejected)),
        ("post-scheduled.v1", typeof(PostScheduled)),
        ("post-rescheduled.v1", typeof(PostRescheduled)),
        ("post-cancelled.v1", typeof(PostCancelled)),
        ("variant-publishing-started.v1", typeof(VariantPublishingStarted)),
        ("variant-published.v1", typeof(VariantPublished)),
        ("variant-publish-failed.v1", typeof(VariantPublishFailed)),
        ("post-expired.v1", typeof(PostExpired)),
        ("variant-publish-deferred.v1", typeof(VariantPublishDeferred)),
        ("report-issued.v1", typeof(ReportIssued)),
        ("report-acknowledged.v1", typeof(ReportAcknowledged)),
        ("goal-measured.v1", typeof(GoalMeasured)),
        ("engagement-received.v1", typeof(EngagementReceived)),
        ("engagement-responded.v1", typeof(EngagementResponded)),
        ("engagement-assigned.v1", typeof(EngagementAssigned)),
        ("engagement-closed.v1", typeof(EngagementClosed)),
        ("escalation-raised.v1", typeof(EscalationRaised)),
        ("escalation-climbed.v1", typeof(EscalationClimbed)),
        ("escalation-acknowledged.v1", typeof(EscalationAcknowledged)),
        ("escalation-resolved.v1", typeof(EscalationResolved)),
        ("content-requested.v1", typeof(ContentRequested)),
        ("content-delivered.v1", typeof(ContentDelivered)),
        ("recommendation-made.v1", typeof(RecommendationMade)),
        ("recommendation-answered.v1", typeof(RecommendationAnswered)),
        ("client-contact-recorded.v1", typeof(ClientContactRecorded)),
        ("account-snapshot.v4", typeof(AccountState)),
        ("audit-entry.v1", typeof(AuditEntry)),
        ("posting-partition-snapshot.v1", typeof(PostingPartitionSnapshot)),
        ("notification-delivered.v1", typeof(NotificationDelivered)),
        ("agency-registered.v1", typeof(AgencyRegistered)),
        ("api-key-issued.v1", typeof(ApiKeyIssued)),
        ("api-key-revoked.v1", typeof(ApiKeyRevoked)),
    ];

    private static readonly ManifestTable Table = new(nameof(StoredTypes), Current);

    public static IEnumerable<Type> Types => Table.Types;

    public static string ManifestOf(Type type) => Table.ManifestOf(type);

    public static bool TryTypeOf(string manifest, out Type type) => Table.TryTypeOf(manifest, out type);
}
