using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;

namespace PublishingCluster.Simulation.Scenarios;

/// <summary>The ranges a scenario must respect; the first field out of range is refused by name.</summary>
public static class ScenarioRules
{
    public const int MaxAccounts = 1_000_000;
    public const int MaxDays = 3660;

    public static void Validate(Scenario s)
    {
        Require(s.Accounts is >= 1 and <= MaxAccounts, "accounts", $"between 1 and {MaxAccounts:N0}");
        Require(s.Days is >= 1 and <= MaxDays, "days", $"between 1 and {MaxDays}");
        Require(s.Networks.Count > 0 && s.Networks.Distinct().Count() == s.Networks.Count && s.Networks.All(Enum.IsDefined), "networks", "a list of different networks");
        Require(s.ChannelsPerAccount >= 1 && s.ChannelsPerAccount <= s.Networks.Count, "channelsPerAccount", $"between 1 and the {s.Networks.Count} networks listed");
        Require(s.PostsPerWeek is >= 1 and <= 14, "postsPerWeek", "between 1 and 14");
        Require(Enum.IsDefined(s.ReportingCadence), "reportingCadence", "Weekly, Monthly or Quarterly");
        Require(s.TimeZones.Count > 0, "timeZones", "at least one IANA time zone");
        for (var i = 0; i < s.TimeZones.Count; i++)
        {
            Require(TimeZones.TryFind(s.TimeZones[i], out _), $"timeZones[{i}]", $"an IANA time zone ('{s.TimeZones[i]}' is unknown)");
        }

        Require(s.GoalGrowth is >= 0 and <= 10, "goalGrowth", "between 0 and 10");
        Require(s.StepMinutes is >= 1 and <= 1440 && 1440 % s.StepMinutes == 0, "stepMinutes", "a divisor of a day (1 to 1440)");

        var shares = s.Clients.Shares();
        foreach (var (behaviour, share) in shares)
        {
            Require(share is >= 0 and <= 1, $"clients.{Camel(behaviour.ToString())}", "between 0 and 1");
        }

        Require(shares.Sum(x => x.Share) > 0, "clients", "at least one behaviour with a share above 0");
        Require(s.Agency.ResponsesPerHour is null or >= 0, "agency.responsesPerHour", "0 or more");
        Require(Enum.IsDefined(s.Agency.SlotPolicy), "agency.slotPolicy", "Best, Worst or Spread");
        Require(s.Agency.TailoredVariants is >= 0 and <= 1, "agency.tailoredVariants", "between 0 and 1");
        Require(s.Agency.DraftWeeksAhead is >= 1 and <= 8, "agency.draftWeeksAhead", "between 1 and 8");

        Audience(s.Audience);
        Faults(s);
    }

    private static void Audience(AudienceScenario a)
    {
        foreach (var (name, share) in new[]
        {
            ("reachShare", a.ReachShare), ("engagementRate", a.EngagementRate), ("followConversion", a.FollowConversion),
            ("dailyChurn", a.DailyChurn), ("answerableShare", a.AnswerableShare), ("negativeShare", a.NegativeShare),
            ("spikeRate", a.SpikeRate), ("wearOut", a.WearOut),
        })
        {
            Require(share is >= 0 and <= 1, $"audience.{name}", "between 0 and 1");
        }

        Require(a.InitialFollowers is >= 0 and <= 100_000_000, "audience.initialFollowers", "between 0 and 100,000,000");
        Require(a.SpikeSize is >= 0 and <= 100, "audience.spikeSize", "between 0 and 100");
    }

    private static void Faults(Scenario s)
    {
        var f = s.NetworkFaults;
        foreach (var (name, rate) in new[] { ("failureRate", f.FailureRate), ("rateLimitRate", f.RateLimitRate), ("lostAnswerRate", f.LostAnswerRate) })
        {
            Require(rate is >= 0 and <= 1, $"networkFaults.{name}", "between 0 and 1");
        }

        Require(f.LatencyMs is >= 0 and <= 60_000, "networkFaults.latencyMs", "between 0 and 60,000");
        for (var i = 0; i < f.Outages.Count; i++)
        {
            var o = f.Outages[i];
            Require(Enum.IsDefined(o.Network), $"networkFaults.outages[{i}].network", "a network");
            Require(o.Day >= 0 && o.Day < s.Days, $"networkFaults.outages[{i}].day", $"a day of the run (0 to {s.Days - 1})");
            Require(o.Hour is >= 0 and <= 23, $"networkFaults.outages[{i}].hour", "an hour of the day (0 to 23)");
            Require(o.Hours is > 0 and <= 24 * 30, $"networkFaults.outages[{i}].hours", "more than 0 and at most 720");
        }

        for (var i = 0; i < f.TokenExpiries.Count; i++)
        {
            Require(Enum.IsDefined(f.TokenExpiries[i].Network), $"networkFaults.tokenExpiries[{i}].network", "a network");
            Require(f.TokenExpiries[i].Day >= 0 && f.TokenExpiries[i].Day < s.Days, $"networkFaults.tokenExpiries[{i}].day", $"a day of the run (0 to {s.Days - 1})");
        }
    }

    private static void Require(bool ok, string field, string expected)
    {
        if (!ok)
        {
            throw new ScenarioException(field, $"must be {expected}.");
        }
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
