using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Serialization;
using Newtonsoft.Json.Serialization;

namespace PublishingCluster.Actors.Serialization;

/// <summary>
/// Akka's JSON serializer (id 1, CLR type names) under the names the build before the cluster protocol serializer
/// gave the types: the messages of a rolling upgrade from that build (<c>--wire-format json</c>, and whatever such a
/// node sends) name types that have since moved to other namespaces. It writes the old names and reads both.
/// Bound in hocon/akka.hocon in place of Akka's own <c>json</c> serializer.
/// </summary>
public sealed class LegacyJsonSerializer : NewtonSoftJsonSerializer
{
    public LegacyJsonSerializer(ExtendedActorSystem system)
        : base(system) => UseOldNames();

    /// <summary>The constructor Akka calls, with the <c>serialization-settings.json</c> of its reference configuration.</summary>
    public LegacyJsonSerializer(ExtendedActorSystem system, Akka.Configuration.Config config)
        : base(system, config) => UseOldNames();

    private void UseOldNames() =>
        Settings.SerializationBinder = new MovedTypesBinder(Settings.SerializationBinder ?? new DefaultSerializationBinder());

    private sealed class MovedTypesBinder(ISerializationBinder inner) : ISerializationBinder
    {
        public Type BindToType(string? assemblyName, string typeName) => inner.BindToType(assemblyName, MovedWireTypes.ToCurrent(typeName));

        public void BindToName(Type serializedType, out string? assemblyName, out string? typeName)
        {
            inner.BindToName(serializedType, out assemblyName, out typeName);
            typeName = typeName is null ? null : MovedWireTypes.ToOld(typeName);
        }
    }
}

/// <summary>The types that moved to another namespace since the build before the cluster protocol serializer, by old full name.</summary>
public static class MovedWireTypes
{
    private static readonly (string Old, Type Type)[] Moved =
    [
        ("PublishingCluster.Domain.Accounts.AcknowledgeEscalation", typeof(PublishingCluster.Domain.Escalations.AcknowledgeEscalation)),
        ("PublishingCluster.Domain.Accounts.AcknowledgeReport", typeof(PublishingCluster.Domain.Reporting.AcknowledgeReport)),
        ("PublishingCluster.Domain.Accounts.AnswerRecommendation", typeof(PublishingCluster.Domain.Partnership.AnswerRecommendation)),
        ("PublishingCluster.Domain.Accounts.ApprovePost", typeof(PublishingCluster.Domain.Posts.ApprovePost)),
        ("PublishingCluster.Domain.Accounts.AssignEngagement", typeof(PublishingCluster.Domain.Engagement.AssignEngagement)),
        ("PublishingCluster.Domain.Accounts.CancelPost", typeof(PublishingCluster.Domain.Posts.CancelPost)),
        ("PublishingCluster.Domain.Accounts.ChannelConnected", typeof(PublishingCluster.Domain.Channels.ChannelConnected)),
        ("PublishingCluster.Domain.Accounts.CheckEscalations", typeof(PublishingCluster.Domain.Escalations.CheckEscalations)),
        ("PublishingCluster.Domain.Accounts.ClientApprovePost", typeof(PublishingCluster.Domain.Posts.ClientApprovePost)),
        ("PublishingCluster.Domain.Accounts.ClientContactRecorded", typeof(PublishingCluster.Domain.Partnership.ClientContactRecorded)),
        ("PublishingCluster.Domain.Accounts.CloseEngagement", typeof(PublishingCluster.Domain.Engagement.CloseEngagement)),
        ("PublishingCluster.Domain.Accounts.CloseReportingPeriods", typeof(PublishingCluster.Domain.Reporting.CloseReportingPeriods)),
        ("PublishingCluster.Domain.Accounts.ConnectChannel", typeof(PublishingCluster.Domain.Channels.ConnectChannel)),
        ("PublishingCluster.Domain.Accounts.ContentDelivered", typeof(PublishingCluster.Domain.Partnership.ContentDelivered)),
        ("PublishingCluster.Domain.Accounts.ContentRequested", typeof(PublishingCluster.Domain.Partnership.ContentRequested)),
        ("PublishingCluster.Domain.Accounts.ContractUpdated", typeof(PublishingCluster.Domain.Contracts.ContractUpdated)),
        ("PublishingCluster.Domain.Accounts.CreatePost", typeof(PublishingCluster.Domain.Posts.CreatePost)),
        ("PublishingCluster.Domain.Common.Decision", typeof(PublishingCluster.Domain.Accounts.Decision)),
        ("PublishingCluster.Domain.Accounts.DeliverContent", typeof(PublishingCluster.Domain.Partnership.DeliverContent)),
        ("PublishingCluster.Domain.Accounts.EngagementAssigned", typeof(PublishingCluster.Domain.Engagement.EngagementAssigned)),
        ("PublishingCluster.Domain.Accounts.EngagementClosed", typeof(PublishingCluster.Domain.Engagement.EngagementClosed)),
        ("PublishingCluster.Domain.Accounts.EngagementReceived", typeof(PublishingCluster.Domain.Engagement.EngagementReceived)),
        ("PublishingCluster.Domain.Accounts.EngagementResponded", typeof(PublishingCluster.Domain.Engagement.EngagementResponded)),
        ("PublishingCluster.Domain.Accounts.EscalationAcknowledged", typeof(PublishingCluster.Domain.Escalations.EscalationAcknowledged)),
        ("PublishingCluster.Domain.Accounts.EscalationClimbed", typeof(PublishingCluster.Domain.Escalations.EscalationClimbed)),
        ("PublishingCluster.Domain.Accounts.EscalationRaised", typeof(PublishingCluster.Domain.Escalations.EscalationRaised)),
        ("PublishingCluster.Domain.Accounts.EscalationResolved", typeof(PublishingCluster.Domain.Escalations.EscalationResolved)),
        ("PublishingCluster.Domain.Accounts.ExpirePost", typeof(PublishingCluster.Domain.Publishing.ExpirePost)),
        ("PublishingCluster.Domain.Accounts.GoalMeasured", typeof(PublishingCluster.Domain.Reporting.GoalMeasured)),
        ("PublishingCluster.Actors.Posting.LookupAnswered", typeof(PublishingCluster.Actors.Accounts.LookupAnswered)),
        ("PublishingCluster.Domain.Accounts.MakeRecommendation", typeof(PublishingCluster.Domain.Partnership.MakeRecommendation)),
        ("PublishingCluster.Domain.Accounts.PostApprovedByAgency", typeof(PublishingCluster.Domain.Posts.PostApprovedByAgency)),
        ("PublishingCluster.Domain.Accounts.PostApprovedByClient", typeof(PublishingCluster.Domain.Posts.PostApprovedByClient)),
        ("PublishingCluster.Domain.Accounts.PostCancelled", typeof(PublishingCluster.Domain.Posts.PostCancelled)),
        ("PublishingCluster.Domain.Accounts.PostDrafted", typeof(PublishingCluster.Domain.Posts.PostDrafted)),
        ("PublishingCluster.Domain.Accounts.PostExpired", typeof(PublishingCluster.Domain.Publishing.PostExpired)),
        ("PublishingCluster.Domain.Accounts.PostRejected", typeof(PublishingCluster.Domain.Posts.PostRejected)),
        ("PublishingCluster.Domain.Accounts.PostRescheduled", typeof(PublishingCluster.Domain.Posts.PostRescheduled)),
        ("PublishingCluster.Domain.Accounts.PostScheduled", typeof(PublishingCluster.Domain.Posts.PostScheduled)),
        ("PublishingCluster.Domain.Accounts.PostSubmittedForReview", typeof(PublishingCluster.Domain.Posts.PostSubmittedForReview)),
        ("PublishingCluster.Actors.Posting.PublishAnswered", typeof(PublishingCluster.Actors.Accounts.PublishAnswered)),
        ("PublishingCluster.Domain.Accounts.PublishDue", typeof(PublishingCluster.Domain.Publishing.PublishDue)),
        ("PublishingCluster.Actors.Posting.PublishOutcomes", typeof(PublishingCluster.Actors.Accounts.PublishOutcomes)),
        ("PublishingCluster.Domain.Posts.PublishingPolicy", typeof(PublishingCluster.Domain.Publishing.PublishingPolicy)),
        ("PublishingCluster.Domain.Accounts.ReceiveEngagement", typeof(PublishingCluster.Domain.Engagement.ReceiveEngagement)),
        ("PublishingCluster.Domain.Accounts.RecommendationAnswered", typeof(PublishingCluster.Domain.Partnership.RecommendationAnswered)),
        ("PublishingCluster.Domain.Accounts.RecommendationMade", typeof(PublishingCluster.Domain.Partnership.RecommendationMade)),
        ("PublishingCluster.Domain.Accounts.RecordClientContact", typeof(PublishingCluster.Domain.Partnership.RecordClientContact)),
        ("PublishingCluster.Domain.Accounts.RecordGoalMeasurement", typeof(PublishingCluster.Domain.Reporting.RecordGoalMeasurement)),
        ("PublishingCluster.Domain.Accounts.RecordPublishFailed", typeof(PublishingCluster.Domain.Publishing.RecordPublishFailed)),
        ("PublishingCluster.Domain.Accounts.RecordPublishRetryable", typeof(PublishingCluster.Domain.Publishing.RecordPublishRetryable)),
        ("PublishingCluster.Domain.Accounts.RecordPublished", typeof(PublishingCluster.Domain.Publishing.RecordPublished)),
        ("PublishingCluster.Domain.Accounts.RejectPost", typeof(PublishingCluster.Domain.Posts.RejectPost)),
        ("PublishingCluster.Domain.Accounts.ReportAcknowledged", typeof(PublishingCluster.Domain.Reporting.ReportAcknowledged)),
        ("PublishingCluster.Domain.Accounts.ReportIssued", typeof(PublishingCluster.Domain.Reporting.ReportIssued)),
        ("PublishingCluster.Actors.Posting.ReportNextDue", typeof(PublishingCluster.Actors.Accounts.ReportNextDue)),
        ("PublishingCluster.Domain.Accounts.RequestContent", typeof(PublishingCluster.Domain.Partnership.RequestContent)),
        ("PublishingCluster.Domain.Accounts.ReschedulePost", typeof(PublishingCluster.Domain.Posts.ReschedulePost)),
        ("PublishingCluster.Domain.Accounts.ResolveEscalation", typeof(PublishingCluster.Domain.Escalations.ResolveEscalation)),
        ("PublishingCluster.Domain.Accounts.RespondToEngagement", typeof(PublishingCluster.Domain.Engagement.RespondToEngagement)),
        ("PublishingCluster.Domain.Accounts.SchedulePost", typeof(PublishingCluster.Domain.Posts.SchedulePost)),
        ("PublishingCluster.Domain.Accounts.ScheduleTarget", typeof(PublishingCluster.Domain.Posts.ScheduleTarget)),
        ("PublishingCluster.Domain.Accounts.StartPublishing", typeof(PublishingCluster.Domain.Publishing.StartPublishing)),
        ("PublishingCluster.Domain.Accounts.SubmitPostForReview", typeof(PublishingCluster.Domain.Posts.SubmitPostForReview)),
        ("PublishingCluster.Domain.Accounts.UpdateContract", typeof(PublishingCluster.Domain.Contracts.UpdateContract)),
        ("PublishingCluster.Domain.Accounts.VariantPublishDeferred", typeof(PublishingCluster.Domain.Publishing.VariantPublishDeferred)),
        ("PublishingCluster.Domain.Accounts.VariantPublishFailed", typeof(PublishingCluster.Domain.Publishing.VariantPublishFailed)),
        ("PublishingCluster.Domain.Accounts.VariantPublished", typeof(PublishingCluster.Domain.Publishing.VariantPublished)),
        ("PublishingCluster.Domain.Accounts.VariantPublishingStarted", typeof(PublishingCluster.Domain.Publishing.VariantPublishingStarted)),
        ("PublishingCluster.Domain.Accounts.VariantTime", typeof(PublishingCluster.Domain.Posts.VariantTime)),
        ("PublishingCluster.Actors.Posting.WakeUp", typeof(PublishingCluster.Actors.Accounts.WakeUp)),
    ];

    // Longest names first, whole names only, so that no name is taken for the start of a longer one.
    private static readonly (Regex Pattern, string Replacement)[] Older = [.. Moved
        .OrderByDescending(m => m.Type.FullName!.Length)
        .Select(m => (new Regex($@"(?<![\w.]){Regex.Escape(m.Type.FullName!)}(?![\w])", RegexOptions.CultureInvariant), m.Old))];

    private static readonly (Regex Pattern, string Replacement)[] Newer = [.. Moved
        .OrderByDescending(m => m.Old.Length)
        .Select(m => (new Regex($@"(?<![\w.]){Regex.Escape(m.Old)}(?![\w])", RegexOptions.CultureInvariant), m.Type.FullName!))];

    public static IReadOnlyList<(string Old, Type Type)> All => Moved;

    /// <summary>A type name (generic arguments included) with every moved type under its old name.</summary>
    public static string ToOld(string typeName) => Replace(typeName, Older);

    /// <summary>A type name (generic arguments included) with every old name under the type's current one.</summary>
    public static string ToCurrent(string typeName) => Replace(typeName, Newer);

    private static string Replace(string typeName, (Regex Pattern, string Replacement)[] table)
    {
        if (!typeName.Contains("PublishingCluster.", StringComparison.Ordinal))
        {
            return typeName;
        }

        foreach (var (pattern, replacement) in table)
        {
            typeName = pattern.Replace(typeName, replacement);
        }

        return typeName;
    }
}
