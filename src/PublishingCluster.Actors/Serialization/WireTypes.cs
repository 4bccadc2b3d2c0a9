using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Agencies;
using PublishingCluster.Actors.Gateways;
using PublishingCluster.Actors.Notifications;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Channels;
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
/// The names of the messages between nodes (the cluster protocol), written beside each message by
/// <see cref="ClusterProtocolSerializer"/> instead of a CLR type name. A name never changes and never names a CLR
/// type, so classes can be renamed or moved. Every node of a cluster must know the names the others write: a
/// message whose shape changes incompatibly gets a new name (".v2"), and the old name stays readable until no node
/// of a running cluster writes it any more (see docs/operations.md, "Messages between nodes").
/// </summary>
public static class WireTypes
{
    /// <summary>The marker interfaces of the protocol's families; each is bound to the serializer in hocon/akka.hocon.</summary>
    public static IReadOnlyList<Type> Markers { get; } =
        [typeof(IAccountProtocol), typeof(IAgencyProtocol), typeof(IPostingProtocol), typeof(IGatewayProtocol), typeof(INotificationProtocol)];

    private static readonly (string Manifest, Type Type)[] Messages =
    [
        // Accounts: requests (through the account region, from any node) and replies (back to the asking node).
        ("execute.v1", typeof(Execute)),
        ("get-account.v1", typeof(GetAccount)),
        ("get-post.v1", typeof(GetPost)),
        ("get-calendar.v1", typeof(GetCalendar)),
        ("get-channel-queue.v1", typeof(GetChannelQueue)),
        ("get-reports.v1", typeof(GetReports)),
        ("get-report.v1", typeof(GetReport)),
        ("get-engagements.v1", typeof(GetEngagements)),
        ("get-engagement.v1", typeof(GetEngagement)),
        ("get-escalations.v1", typeof(GetEscalations)),
        ("get-escalation.v1", typeof(GetEscalation)),
        ("get-partnership.v1", typeof(GetPartnership)),
        ("wake-up.v1", typeof(WakeUp)),
        ("report-next-due.v1", typeof(ReportNextDue)),
        ("publish-answered.v1", typeof(PublishAnswered)),
        ("lookup-answered.v1", typeof(LookupAnswered)),
        ("command-accepted.v1", typeof(CommandAccepted)),
        ("command-rejected.v1", typeof(CommandRejected)),
        ("command-failed.v1", typeof(CommandFailed)),
        ("query-rejected.v1", typeof(QueryRejected)),
        ("account-summary.v1", typeof(AccountSummary)),
        ("post-found.v1", typeof(PostFound)),
        ("calendar-found.v1", typeof(CalendarFound)),
        ("channel-queue-found.v1", typeof(ChannelQueueFound)),
        ("reports-found.v1", typeof(ReportsFound)),
        ("report-found.v1", typeof(ReportFound)),
        ("engagements-found.v1", typeof(EngagementsFound)),
        ("engagement-found.v1", typeof(EngagementFound)),
        ("escalations-found.v1", typeof(EscalationsFound)),
        ("escalation-found.v1", typeof(EscalationFound)),
        ("partnership-found.v1", typeof(PartnershipFound)),

        // Agencies.
        ("execute-agency.v1", typeof(ExecuteAgency)),
        ("get-agency.v1", typeof(GetAgency)),
        ("authenticate.v1", typeof(Authenticate)),
        ("agency-command-accepted.v1", typeof(AgencyCommandAccepted)),
        ("agency-command-rejected.v1", typeof(AgencyCommandRejected)),
        ("agency-command-failed.v1", typeof(AgencyCommandFailed)),
        ("agency-found.v1", typeof(AgencyFound)),
        ("authenticated.v1", typeof(Authenticated)),
        ("not-authenticated.v1", typeof(NotAuthenticated)),

        // Posting partitions.
        ("tick.v1", typeof(Tick)),
        ("next-due-changed.v1", typeof(NextDueChanged)),
        ("get-due.v1", typeof(GetDue)),
        ("due-answer.v1", typeof(DueAnswer)),

        // Channel gateways.
        ("send-to-network.v1", typeof(SendToNetwork)),
        ("lookup-on-network.v1", typeof(LookupOnNetwork)),
        ("pause-network.v1", typeof(PauseNetwork)),
        ("resume-network.v1", typeof(ResumeNetwork)),
        ("get-gateway-status.v1", typeof(GetGatewayStatus)),
        ("gateway-status.v1", typeof(GatewayStatus)),
        ("get-waiting-sends.v1", typeof(GetWaitingSends)),
        ("waiting-sends.v1", typeof(WaitingSends)),

        // The notification dispatcher (a cluster singleton).
        ("get-dispatch-status.v1", typeof(GetDispatchStatus)),
        ("dispatch-status.v1", typeof(DispatchStatus)),
    ];

    /// <summary>
    /// Fields of a message declared as an interface or an abstract record (the command an <see cref="Execute"/>
    /// carries, a network's answer) name their concrete type with a "$type" property holding one of these names.
    /// </summary>
    public static IReadOnlyDictionary<Type, ManifestTable> Variants { get; } = new Dictionary<Type, ManifestTable>
    {
        [typeof(IAccountCommand)] = new($"{nameof(WireTypes)}.{nameof(Variants)}", [
            ("open-account", typeof(OpenAccount)),
            ("update-contract", typeof(UpdateContract)),
            ("connect-channel", typeof(ConnectChannel)),
            ("create-post", typeof(CreatePost)),
            ("submit-post-for-review", typeof(SubmitPostForReview)),
            ("approve-post", typeof(ApprovePost)),
            ("client-approve-post", typeof(ClientApprovePost)),
            ("reject-post", typeof(RejectPost)),
            ("schedule-post", typeof(SchedulePost)),
            ("reschedule-post", typeof(ReschedulePost)),
            ("cancel-post", typeof(CancelPost)),
            ("start-publishing", typeof(StartPublishing)),
            ("publish-due", typeof(PublishDue)),
            ("record-published", typeof(RecordPublished)),
            ("record-publish-failed", typeof(RecordPublishFailed)),
            ("record-publish-retryable", typeof(RecordPublishRetryable)),
            ("expire-post", typeof(ExpirePost)),
            ("close-reporting-periods", typeof(CloseReportingPeriods)),
            ("acknowledge-report", typeof(AcknowledgeReport)),
            ("record-goal-measurement", typeof(RecordGoalMeasurement)),
            ("receive-engagement", typeof(ReceiveEngagement)),
            ("respond-to-engagement", typeof(RespondToEngagement)),
            ("assign-engagement", typeof(AssignEngagement)),
            ("close-engagement", typeof(CloseEngagement)),
            ("check-escalations", typeof(CheckEscalations)),
            ("acknowledge-escalation", typeof(AcknowledgeEscalation)),
            ("resolve-escalation", typeof(ResolveEscalation)),
            ("request-content", typeof(RequestContent)),
            ("deliver-content", typeof(DeliverContent)),
            ("make-recommendation", typeof(MakeRecommendation)),
            ("answer-recommendation", typeof(AnswerRecommendation)),
            ("record-client-contact", typeof(RecordClientContact)),
        ]),
        // The query an Execute may carry (Then), and the view a CommandAccepted answers it with (View).
        [typeof(IAccountQuery)] = new($"{nameof(WireTypes)}.{nameof(Variants)}", [
            ("get-account", typeof(GetAccount)),
            ("get-post", typeof(GetPost)),
            ("get-calendar", typeof(GetCalendar)),
            ("get-channel-queue", typeof(GetChannelQueue)),
            ("get-reports", typeof(GetReports)),
            ("get-report", typeof(GetReport)),
            ("get-engagements", typeof(GetEngagements)),
            ("get-engagement", typeof(GetEngagement)),
            ("get-escalations", typeof(GetEscalations)),
            ("get-escalation", typeof(GetEscalation)),
            ("get-partnership", typeof(GetPartnership)),
        ]),
        [typeof(IAccountView)] = new($"{nameof(WireTypes)}.{nameof(Variants)}", [
            ("account-summary", typeof(AccountSummary)),
            ("post-found", typeof(PostFound)),
            ("calendar-found", typeof(CalendarFound)),
            ("channel-queue-found", typeof(ChannelQueueFound)),
            ("reports-found", typeof(ReportsFound)),
            ("report-found", typeof(ReportFound)),
            ("engagements-found", typeof(EngagementsFound)),
            ("engagement-found", typeof(EngagementFound)),
            ("escalations-found", typeof(EscalationsFound)),
            ("escalation-found", typeof(EscalationFound)),
            ("partnership-found", typeof(PartnershipFound)),
        ]),
        [typeof(IAgencyCommand)] = new($"{nameof(WireTypes)}.{nameof(Variants)}", [
            ("register-agency", typeof(RegisterAgency)),
            ("issue-api-key", typeof(IssueApiKey)),
            ("revoke-api-key", typeof(RevokeApiKey)),
        ]),
        [typeof(PublishOutcome)] = new($"{nameof(WireTypes)}.{nameof(Variants)}", [
            ("published", typeof(PublishOutcome.Published)),
            ("duplicate", typeof(PublishOutcome.Duplicate)),
            ("retryable", typeof(PublishOutcome.Retryable)),
            ("rate-limited", typeof(PublishOutcome.RateLimited)),
            ("needs-human", typeof(PublishOutcome.NeedsHuman)),
        ]),
        [typeof(LookupOutcome)] = new($"{nameof(WireTypes)}.{nameof(Variants)}", [
            ("found", typeof(LookupOutcome.Found)),
            ("not-found", typeof(LookupOutcome.NotFound)),
            ("unavailable", typeof(LookupOutcome.Unavailable)),
        ]),
    };

    private static readonly ManifestTable Table = new(nameof(WireTypes), Messages);

    public static IEnumerable<Type> Types => Table.Types;

    public static string ManifestOf(Type type) => Table.ManifestOf(type);

    public static bool TryTypeOf(string manifest, out Type type) => Table.TryTypeOf(manifest, out type);
}
