using System.Collections.Immutable;
using System.Text.Json.Serialization;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Partnership;

namespace PublishingCluster.Domain.Contracts;

/// <summary>
/// The agency's "document of works" for one client: what is published where, who does what, what it costs,
/// how often the client hears from the agency, how fast the audience gets an answer, and what it is all for.
/// </summary>
public sealed record Contract(
    ImmutableList<ChannelScope> Scope,
    Roles Roles,
    Budget Budget,
    ReportingCadence ReportingCadence,
    ResponseSla ResponseSla,
    ContactPolicy ContactPolicy,
    ImmutableList<Goal> Goals,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EscalationLadder? Escalation = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PartnershipTerms? Partnership = null)
{
    public ChannelScope? ScopeFor(Network network) => Scope.FirstOrDefault(s => s.Network == network);

    public EscalationLadder Ladder() => Escalation ?? EscalationLadder.Default;

    public PartnershipTerms PartnershipTermsOrDefault() => Partnership ?? PartnershipTerms.Default;
}

/// <summary>One network the contract covers and how many posts a week it promises there.</summary>
public sealed record ChannelScope(Network Network, int PostsPerWeek);

/// <summary>The people: the agency's account manager and the client's content contact.</summary>
public sealed record Roles(string AccountManager, string ClientContentContact, string? AgencyLead = null);

/// <summary>What the work costs per month: the fee, the hours it buys and third-party costs (ads, tools).</summary>
public sealed record Budget(decimal MonthlyFee, string Currency, decimal HoursPerMonth, decimal ThirdPartyCosts);

/// <summary>How often the client gets a report: agencies report monthly, in-house teams weekly.</summary>
public enum ReportingCadence
{
    Weekly,
    Monthly,
    Quarterly,
}

/// <summary>How fast engagement is answered, in business minutes; negative sentiment gets the tighter limit.</summary>
public sealed record ResponseSla(int FirstResponseMinutes, int NegativeFirstResponseMinutes, BusinessHours BusinessHours);

/// <summary>The hours the agency works for this client, in the contract's time zone.</summary>
public sealed record BusinessHours(string TimeZone, ImmutableList<DayOfWeek> Days, TimeOnly Opens, TimeOnly Closes);

/// <summary>How the agency may contact the client, and at most how often.</summary>
public sealed record ContactPolicy(ContactMedium Medium, int MaxContactsPerWeek);

public enum ContactMedium
{
    Email,
    Phone,
    Chat,
    Meeting,
}

/// <summary>A measurable target ("10,000 emails by June") with the dates at which progress is reviewed.</summary>
public sealed record Goal(string GoalId, GoalMetric Metric, decimal Target, DateOnly Deadline, ImmutableList<DateOnly> ReviewPoints);

public enum GoalMetric
{
    Followers,
    EmailSignUps,
    EngagementRate,
    Clicks,
    Reach,
}
