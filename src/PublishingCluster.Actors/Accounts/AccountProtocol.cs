using System.Collections.Immutable;
using System.Text.Json.Serialization;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Calendar;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Reporting;
using PublishingCluster.Actors.Security;
using PublishingCluster.Channels;

namespace PublishingCluster.Actors.Accounts;

/// <summary>
/// The account family of the cluster protocol: everything sent to an account (through its shard region, from any
/// node) and everything it answers. Bound to the cluster protocol serializer in hocon/akka.hocon.
/// </summary>
public interface IAccountProtocol;

/// <summary>Every message for a client account names it; the shard region routes on this id.</summary>
public interface IWithAccountId : IAccountProtocol
{
    string AccountId { get; }
}

/// <summary>
/// A message that expects one <see cref="IAccountReply"/>. <see cref="By"/> is who sent it; an account of another
/// agency than the caller's answers as if it did not exist. Null means the node itself (<see cref="Caller.System"/>).
/// </summary>
public interface IAccountRequest : IWithAccountId
{
    Caller? By { get; }
}

/// <summary>A request that reads the account and changes nothing; the account answers it with an <see cref="IAccountView"/> or a <see cref="QueryRejected"/>.</summary>
public interface IAccountQuery : IAccountRequest;

/// <summary>
/// Runs a domain command, stamped by the edge with the time it arrived. <paramref name="Then"/>, when given, is a query
/// the account answers from its state after the command, in the <see cref="CommandAccepted.View"/> of its reply: the
/// edge answers from that instead of asking again. Optional on the wire: a node of a build before it ignores it and
/// replies without a view, so the edge still reads when the view is missing. Left out of the JSON when absent, so a
/// request without it is written exactly as before the field.
/// </summary>
public sealed record Execute(
    IAccountCommand Command,
    DateTimeOffset Now,
    Caller? By = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IAccountQuery? Then = null) : IAccountRequest
{
    public string AccountId => Command.AccountId;
}

/// <summary>The account's contract, channels and post counts.</summary>
public sealed record GetAccount(string AccountId, Caller? By = null) : IAccountQuery;

public sealed record GetPost(string AccountId, string PostId, Caller? By = null) : IAccountQuery;

/// <summary>The calendar for [From, To).</summary>
public sealed record GetCalendar(string AccountId, DateTimeOffset From, DateTimeOffset To, Caller? By = null) : IAccountQuery;

/// <summary>One channel's queue and its next free slot after <paramref name="Now"/>.</summary>
public sealed record GetChannelQueue(string AccountId, string ChannelId, DateTimeOffset Now, Caller? By = null) : IAccountQuery;

/// <summary>The account's reports, newest first.</summary>
public sealed record GetReports(string AccountId, Caller? By = null) : IAccountQuery;

public sealed record GetReport(string AccountId, string ReportId, Caller? By = null) : IAccountQuery;

/// <summary>The account's engagements, newest first; <paramref name="Open"/> (if given) keeps only open or only closed ones.</summary>
public sealed record GetEngagements(string AccountId, bool? Open = null, Caller? By = null) : IAccountQuery;

public sealed record GetEngagement(string AccountId, string EngagementId, Caller? By = null) : IAccountQuery;

/// <summary>The account's escalations, newest first, filtered by whichever of open, cause and level are given.</summary>
public sealed record GetEscalations(string AccountId, EscalationFilter Filter, Caller? By = null) : IAccountQuery;

public sealed record GetEscalation(string AccountId, string EscalationId, Caller? By = null) : IAccountQuery;

/// <summary>The partnership as of <paramref name="Now"/>: its health, the trend over the reports, and what it is computed from.</summary>
public sealed record GetPartnership(string AccountId, DateTimeOffset Now, Caller? By = null) : IAccountQuery;

/// <summary>Which escalations a list shows: open (not resolved) or not, of a cause, at a level; null matches any.</summary>
public sealed record EscalationFilter(bool? Open = null, EscalationCause? Cause = null, EscalationLevel? Level = null)
{
    public static EscalationFilter Any { get; } = new();

    public bool Matches(Escalation escalation) =>
        (Open is null || escalation.IsOpen() == Open)
        && (Cause is null || escalation.Cause == Cause)
        && (Level is null || escalation.Level == Level);
}

// What the node's own coordinators and gateways tell an account: no reply is expected.

/// <summary>Sent by the partition when an account has publishing work due at <paramref name="Now"/>.</summary>
public sealed record WakeUp(string AccountId, DateTimeOffset Now) : IWithAccountId;

/// <summary>Asks an account to tell its partition its next due time (after the partition rebuilt its index).</summary>
public sealed record ReportNextDue(string AccountId) : IWithAccountId;

/// <summary>A network's answer to one send of a variant, stamped with the gateway's clock.</summary>
public sealed record PublishAnswered(string AccountId, string PostId, string ChannelId, PublishOutcome Outcome, DateTimeOffset Now) : IWithAccountId;

/// <summary>A network's answer to "did you publish this key?", asked after a restart found the variant in flight.</summary>
public sealed record LookupAnswered(string AccountId, string PostId, string ChannelId, LookupOutcome Outcome, DateTimeOffset Now) : IWithAccountId;

/// <summary>What an account answers; exactly one per request.</summary>
public interface IAccountReply : IAccountProtocol;

/// <summary>A successful answer to an <see cref="IAccountQuery"/>: what the account shows of itself.</summary>
public interface IAccountView : IAccountReply;

/// <summary>
/// The command's events are persisted, or (<paramref name="Repeated"/>) it repeated a request already applied and changed
/// nothing. <paramref name="View"/> answers the command's <see cref="Execute.Then"/> from the state after it: null when
/// none was asked, when the query found nothing, or when the account runs a build before the field (read as absent).
/// Left out of the JSON when absent: the reply is then written as before the field, on the wire and in HTTP answers.
/// </summary>
public sealed record CommandAccepted(
    string AccountId,
    string? ResultId,
    long Version,
    bool Repeated = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IAccountView? View = null) : IAccountReply;

/// <summary>The command broke a rule; nothing was persisted.</summary>
public sealed record CommandRejected(string AccountId, Rejection Rejection) : IAccountReply;

/// <summary>The journal could not store the command's events; nothing changed and the request may be retried.</summary>
public sealed record CommandFailed(string AccountId, string Reason) : IAccountReply;

/// <summary>A query named something that does not exist.</summary>
public sealed record QueryRejected(string AccountId, Rejection Rejection) : IAccountReply;

public sealed record AccountSummary(
    string AccountId,
    string AgencyId,
    string Name,
    Contract Contract,
    DateTimeOffset OpenedAt,
    ImmutableList<Channel> Channels,
    ImmutableSortedDictionary<PostStatus, int> PostsByStatus,
    long Version) : IAccountView;

public sealed record PostFound(string AccountId, Post Post, long Version) : IAccountView;

public sealed record CalendarFound(string AccountId, DateTimeOffset From, DateTimeOffset To, ImmutableList<CalendarEntry> Entries) : IAccountView;

public sealed record ChannelQueueFound(string AccountId, Channel Channel, ImmutableList<CalendarEntry> Entries, DateTimeOffset? NextFreeSlot) : IAccountView;

public sealed record ReportsFound(string AccountId, string TimeZone, ReportingCadence Cadence, DateTimeOffset? NextClose, ImmutableList<PeriodReport> Reports) : IAccountView;

public sealed record ReportFound(string AccountId, string AccountName, PeriodReport Report) : IAccountView;

public sealed record EngagementsFound(string AccountId, ImmutableList<EngagementItem> Engagements) : IAccountView;

public sealed record EngagementFound(string AccountId, EngagementItem Engagement, long Version) : IAccountView;

public sealed record EscalationsFound(string AccountId, ImmutableList<Escalation> Escalations) : IAccountView;

public sealed record EscalationFound(string AccountId, Escalation Escalation, long Version) : IAccountView;

/// <summary>
/// The partnership with the client: health now (with its reasons and factors), the score at each report's close
/// (oldest first), and the content requests, approval waits, recommendations and contacts it is computed from.
/// </summary>
public sealed record PartnershipFound(
    string AccountId,
    PartnershipHealth Health,
    ImmutableList<HealthPoint> Trend,
    ImmutableList<ContentRequest> ContentRequests,
    ImmutableList<ApprovalWait> Approvals,
    ImmutableList<Recommendation> Recommendations,
    ImmutableList<ClientContact> Contacts,
    long Version) : IAccountView;

/// <summary>The partnership health a report gave at its period's end.</summary>
public sealed record HealthPoint(string ReportId, DateTimeOffset Until, int Score, HealthBand Band, HealthTrend Trend);
