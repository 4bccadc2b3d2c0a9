using System.Collections.Immutable;
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

namespace PublishingCluster.Actors.Tests.Serialization;

/// <summary>
/// One representative instance of every stored type, with every optional field filled, non-UTC offsets, fractional
/// decimals and keys whose ordinal and cultural orders differ, so a round trip that drops or reorders anything shows.
/// </summary>
public static class StoredSamples
{
    private static readonly DateTimeOffset At = new(2027, 3, 1, 9, 30, 15, 123, TimeSpan.FromHours(1));

    public static readonly Contract Contract = new(
        [new ChannelScope(Network.X, 20), new ChannelScope(Network.LinkedIn, 3)],
        new Roles("Ada", "Grace", AgencyLead: "Linus"),
        new Budget(1234.50m, "EUR", 12.5m, 99.99m),
        ReportingCadence.Monthly,
        new ResponseSla(60, 30, new BusinessHours("Europe/London", [DayOfWeek.Monday, DayOfWeek.Friday], new TimeOnly(9, 0), new TimeOnly(17, 30))),
        new ContactPolicy(ContactMedium.Email, 2),
        [new Goal("emails", GoalMetric.EmailSignUps, 10_000m, new DateOnly(2027, 6, 30), [new DateOnly(2027, 4, 30), new DateOnly(2027, 5, 31)])],
        new EscalationLadder(AccountManagerMinutes: 90, AgencyLeadMinutes: 600, ReportAcknowledgementDays: 5));

    public static readonly EngagementItem Engagement = new(
        "B-engagement",
        "B-channel",
        EngagementKind.Review,
        "@déçu",
        "Cold coffee, rude staff \u2615",
        Sentiment.Negative,
        At.AddHours(1),
        At.AddHours(1).AddMinutes(30),
        [new EngagementResponse("Ada", "We are sorry.", At.AddHours(2)), new EngagementResponse("Linus", "A voucher is on its way.", At.AddHours(3))],
        AssignedTo: "Ada",
        ClosedAt: At.AddHours(4),
        ClosedBy: "Linus");

    public static readonly Escalation Escalation = new(
        "sla-breach-B-engagement",
        EscalationCause.SlaBreach,
        "B-engagement",
        EscalationLevel.AgencyLead,
        "Linus",
        At.AddHours(1).AddMinutes(30),
        At.AddHours(12),
        At.AddHours(5),
        "Linus",
        At.AddHours(6),
        "Ada");

    public static readonly Channel Channel = new(
        "B-channel",
        Network.X,
        "client_handle",
        "America/New_York",
        [new PostingWindow(DayOfWeek.Tuesday, new TimeOnly(7, 0), new TimeOnly(21, 0))],
        [new QueueSlot(DayOfWeek.Tuesday, new TimeOnly(10, 15))],
        At);

    public static readonly ImmutableList<VariantContent> Variants =
        [new VariantContent("B-channel", "Spring is here \U0001F331", ["media/1.png", "media/2.png"]), new VariantContent("a-channel", "Spring", [])];

    public static readonly ImmutableList<VariantTime> Times =
        [new VariantTime("B-channel", At.AddDays(1)), new VariantTime("a-channel", At.AddDays(2))];

    public static readonly PeriodReport Report = new(
        "weekly-2027-03-01",
        new ReportingPeriod(ReportingCadence.Weekly, new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 8)),
        "Europe/London",
        new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2027, 3, 8, 0, 0, 0, TimeSpan.Zero),
        At.AddDays(7),
        [new ChannelReportLine("B-channel", Network.X, "@client", 5, 3, 2, 1, 0, TimeSpan.Zero, TimeSpan.FromSeconds(90), TimeSpan.FromMinutes(12))],
        [new FailureLine("a-post", "Draft", "a-channel", Network.LinkedIn, At.AddDays(2), "Token expired")],
        [new GoalLine("signups", GoalMetric.EmailSignUps, 1000, new DateOnly(2027, 12, 31), 300, 950.25m, GoalStatus.Amber)],
        At.AddDays(8),
        "key-1",
        new EngagementSummary(7, 5, 0.7143m, TimeSpan.FromMinutes(22), TimeSpan.FromMinutes(95), 2, 1),
        new PartnershipLine(64, HealthBand.Watch, HealthTrend.Declining, 81, ["2 of 3 content requests late or not delivered (the first: 'Photos', due 2027-03-03)."]));

    public static readonly AccountState Account = new(
        "acc-1",
        "agency-1",
        "Client One",
        Contract,
        At,
        "fp-open",
        new Dictionary<string, Channel> { ["B-channel"] = Channel, ["a-channel"] = Channel with { ChannelId = "a-channel", Network = Network.LinkedIn } }
            .ToImmutableSortedDictionary(StringComparer.Ordinal),
        new Dictionary<string, Post>
        {
            ["B-post"] = new(
                "B-post",
                "Spring",
                new Dictionary<string, PostVariant>
                {
                    ["B-channel"] = new("B-channel", "Spring is here", ["media/1.png"], At.AddDays(1), VariantDelivery.Published, "x-1", At.AddDays(1).AddMinutes(1), null, 2, null, At.AddDays(1), "quota"),
                    ["a-channel"] = new("a-channel", "Spring", [], At.AddDays(2), VariantDelivery.Failed, null, null, "Token expired", 1, At.AddDays(2).AddMinutes(5), At.AddDays(2), null),
                }.ToImmutableSortedDictionary(StringComparer.Ordinal),
                PostStatus.Publishing,
                At,
                LastRejectionReason: "Off brand"),
            ["a-post"] = new(
                "a-post",
                "Draft",
                new Dictionary<string, PostVariant> { ["a-channel"] = new("a-channel", "Draft", []) }.ToImmutableSortedDictionary(StringComparer.Ordinal),
                PostStatus.Cancelled,
                At,
                CancellationReason: "Client changed their mind"),
        }.ToImmutableSortedDictionary(StringComparer.Ordinal),
        new Dictionary<string, string> { ["B-post"] = "fp-b", ["a-post"] = "fp-a" }.ToImmutableSortedDictionary(StringComparer.Ordinal),
        42,
        new AccountReporting(
            new DateOnly(2027, 3, 8),
            new Dictionary<string, PeriodReport> { [Report.ReportId] = Report }.ToImmutableSortedDictionary(StringComparer.Ordinal),
            new Dictionary<string, ImmutableList<GoalMeasurement>> { ["signups"] = [new GoalMeasurement(120.5m, At), new GoalMeasurement(300, At.AddDays(3))] }
                .ToImmutableSortedDictionary(StringComparer.Ordinal)),
        new AccountEngagement(
            new Dictionary<string, EngagementItem> { ["B-engagement"] = Engagement, ["a-engagement"] = Engagement with { EngagementId = "a-engagement", Responses = [], ClosedAt = null, ClosedBy = null, AssignedTo = null } }
                .ToImmutableSortedDictionary(StringComparer.Ordinal),
            new Dictionary<string, Escalation> { [Escalation.EscalationId] = Escalation, ["negative-spike-a"] = Escalation with { EscalationId = "negative-spike-a", Cause = EscalationCause.NegativeSpike, AcknowledgedAt = null, AcknowledgedBy = null, ResolvedAt = null, ResolvedBy = null } }
                .ToImmutableSortedDictionary(StringComparer.Ordinal),
            At.AddHours(1)),
        new AccountPartnership(
            new Dictionary<string, ContentRequest>
            {
                ["B-request"] = new("B-request", "Photos of the spring range", At.AddDays(2), "Ada", At, At.AddDays(1), "Grace"),
                ["a-request"] = new("a-request", "Price list", At.AddDays(5), "Ada", At),
            }.ToImmutableSortedDictionary(StringComparer.Ordinal),
            new Dictionary<string, ApprovalWait> { ["B-post"] = new("B-post", At, At.AddHours(30)), ["a-post"] = new("a-post", At.AddDays(1)) }
                .ToImmutableSortedDictionary(StringComparer.Ordinal),
            new Dictionary<string, Recommendation>
            {
                ["B-rec"] = new("B-rec", "Post video on Fridays", At.AddDays(14), "Ada", At, RecommendationOutcome.Declined, At.AddDays(2), "Grace"),
                ["a-rec"] = new("a-rec", "Answer reviews within a day", At.AddDays(10), "Ada", At),
            }.ToImmutableSortedDictionary(StringComparer.Ordinal),
            new Dictionary<string, ClientContact> { ["B-call"] = new("B-call", ContactMedium.Phone, "Weekly call", At.AddHours(-2), "Ada") }
                .ToImmutableSortedDictionary(StringComparer.Ordinal)));

    /// <summary>Every sample, keyed by its type; <see cref="SerializerRoundTripSpec"/> checks this covers every stored type.</summary>
    public static IReadOnlyDictionary<Type, object> ByType { get; } = new object[]
    {
        new AccountOpened("acc-1", "agency-1", "Client One", Contract, "fp-open", At),
        new ContractUpdated(Contract, At),
        new ChannelConnected(Channel, "fp-channel", At),
        new PostDrafted("B-post", "Spring", Variants, "fp-post", At),
        new PostSubmittedForReview("B-post", At),
        new PostApprovedByAgency("B-post", At),
        new PostApprovedByClient("B-post", At),
        new PostRejected("B-post", "Off brand", At),
        new PostScheduled("B-post", Times, At),
        new PostRescheduled("B-post", Times, At),
        new PostCancelled("B-post", "Client changed their mind", At),
        new VariantPublishingStarted("B-post", "B-channel", "acc-1/B-post/B-channel", At),
        new VariantPublished("B-post", "B-channel", "x-1", At),
        new VariantPublishFailed("B-post", "a-channel", "Token expired", At, NeedsHuman: true),
        new PostExpired("B-post", At),
        new VariantPublishDeferred("B-post", "B-channel", "quota", At.AddMinutes(30), AfterAttempt: true, At),
        new ReportIssued(Report, At.AddDays(7)),
        new ReportAcknowledged("weekly-2027-03-01", "key-1", At.AddDays(8)),
        new GoalMeasured("signups", 300, At.AddDays(3), At.AddDays(3).AddMinutes(1)),
        new EngagementReceived("B-engagement", "B-channel", EngagementKind.DirectMessage, "@déçu", "Cold coffee \u2615", Sentiment.Negative, At.AddMinutes(-5), At.AddMinutes(25), At),
        new EngagementResponded("B-engagement", "Ada", "We are sorry.", At),
        new EngagementAssigned("B-engagement", "Ada", At),
        new EngagementClosed("B-engagement", "Linus", At),
        new EscalationRaised("publish-needs-human-B-post", EscalationCause.PublishNeedsHuman, "B-post", EscalationLevel.AccountManager, "Ada", At.AddMinutes(90), At),
        new EscalationClimbed("publish-needs-human-B-post", EscalationLevel.Client, "Grace", null, At.AddMinutes(90)),
        new EscalationAcknowledged("publish-needs-human-B-post", "Grace", At),
        new EscalationResolved("publish-needs-human-B-post", "Ada", At),
        new ContentRequested("B-request", "Photos of the spring range", At.AddDays(2), "Ada", At),
        new ContentDelivered("B-request", "Grace", At.AddDays(1)),
        new RecommendationMade("B-rec", "Post video on Fridays", At.AddDays(14), "Ada", At),
        new RecommendationAnswered("B-rec", Accepted: false, "Grace", At.AddDays(2)),
        new ClientContactRecorded("B-call", ContactMedium.Phone, "Weekly call \u260e", At.AddHours(-2), "Ada", At),
        Account,
        new AuditEntry("acc-1", "agency-1", "key-1", "AccountManager", "CreatePost", "B-post", 42, At),
        new PostingPartitionSnapshot(
            new Dictionary<string, DateTimeOffset> { ["acc-B"] = At, ["acc-a"] = At.AddHours(1) },
            new List<string> { "acc-c", "acc-B" },
            1234),
        new NotificationDelivered(4321, "escalation-acc-1-sla-e1-level-2"),
        new AgencyRegistered("agency-1", "Agency One", At),
        new ApiKeyIssued("key-1", "Ada's laptop", AgencyRole.AccountManager, ["acc-1", "acc-2"], "c2VjcmV0LWhhc2g=", At),
        new ApiKeyRevoked("key-1", At),
    }.ToDictionary(sample => sample.GetType());
}
