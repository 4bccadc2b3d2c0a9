using PublishingCluster.Channels.Simulated;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Simulation.Clients;

namespace PublishingCluster.Simulation.Scenarios;

/// <summary>
/// What to simulate: how many client accounts, on which networks, for how long, which clients and which agency,
/// how the audience and the networks behave. Read from a scenario file (JSON or HOCON, <see cref="ScenarioFile"/>)
/// and refined by flags (<see cref="ScenarioFlags"/>). Field names are the JSON names, camelCase.
/// </summary>
public sealed record Scenario
{
    public string Name { get; init; } = "default";

    /// <summary>Every chance in the run comes from this seed: the same seed and scenario give the same summary.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The first instant of the run (UTC); a Monday keeps the weeks tidy.</summary>
    public DateTimeOffset Start { get; init; } = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public int Days { get; init; } = 30;

    public int Accounts { get; init; } = 100;

    /// <summary>Channels per account, taken in order from <see cref="Networks"/>.</summary>
    public int ChannelsPerAccount { get; init; } = 4;

    public List<Network> Networks { get; init; } = [Network.LinkedIn, Network.Instagram, Network.X, Network.Facebook, Network.TikTok, Network.Threads, Network.Bluesky, Network.Pinterest, Network.Mastodon];

    /// <summary>Posts a week per channel, from the contract's scope.</summary>
    public int PostsPerWeek { get; init; } = 3;

    public ReportingCadence ReportingCadence { get; init; } = ReportingCadence.Weekly;

    /// <summary>Time zones of the clients, given in turn to the accounts.</summary>
    public List<string> TimeZones { get; init; } = ["Europe/London", "America/New_York", "Europe/Berlin"];

    /// <summary>The contract's goal: followers across the account's channels up by this share every 30 days, by the end of the run.</summary>
    public double GoalGrowth { get; init; } = 0.03;

    public ClientMix Clients { get; init; } = new();

    public AgencySettings Agency { get; init; } = new();

    public AudienceScenario Audience { get; init; } = new();

    public NetworkFaults NetworkFaults { get; init; } = new();

    /// <summary>The virtual clock's step, in minutes: between steps the simulator waits until everything has settled.</summary>
    public int StepMinutes { get; init; } = 15;

    public DateTimeOffset End => Start.AddDays(Days);
}

/// <summary>Shares of the client behaviours (normalised: they need not add up to 1).</summary>
public sealed record ClientMix
{
    public double Responsive { get; init; } = 0.37;

    public double Slow { get; init; } = 0.2;

    public double OutsourceAndForget { get; init; } = 0.33;

    public double CherryPicker { get; init; } = 0.1;

    public IReadOnlyList<(ClientBehaviour Behaviour, double Share)> Shares() =>
    [
        (ClientBehaviour.Responsive, Responsive),
        (ClientBehaviour.Slow, Slow),
        (ClientBehaviour.OutsourceAndForget, OutsourceAndForget),
        (ClientBehaviour.CherryPicker, CherryPicker),
    ];
}

/// <summary>How the agency works.</summary>
public sealed record AgencySettings
{
    /// <summary>Engagement answers the agency's staff give per hour across all accounts, in business hours (0: none; null: one per account every two hours).</summary>
    public double? ResponsesPerHour { get; init; }

    /// <summary>Where queue slots go: at the network's best hours, at its worst, or spread over the day.</summary>
    public SlotPolicy SlotPolicy { get; init; } = SlotPolicy.Best;

    /// <summary>Share of posts whose variants are written for each network (the rest reuse one text everywhere).</summary>
    public double TailoredVariants { get; init; } = 0.8;

    /// <summary>Weeks of posts drafted ahead of their slots (at least one, so clients have time to approve).</summary>
    public int DraftWeeksAhead { get; init; } = 1;

    /// <summary>Whether the agency acknowledges and resolves its escalations on its daily round.</summary>
    public bool FollowsUpEscalations { get; init; } = true;
}

public enum SlotPolicy
{
    Best,
    Worst,
    Spread,
}

/// <summary>The audience's settings a scenario may change (see <see cref="AudienceSettings"/>).</summary>
public sealed record AudienceScenario
{
    public int InitialFollowers { get; init; } = AudienceSettings.Default.InitialFollowers;

    public double ReachShare { get; init; } = AudienceSettings.Default.ReachShare;

    public double EngagementRate { get; init; } = AudienceSettings.Default.EngagementRate;

    public double FollowConversion { get; init; } = AudienceSettings.Default.FollowConversion;

    public double DailyChurn { get; init; } = AudienceSettings.Default.DailyChurn;

    public double AnswerableShare { get; init; } = AudienceSettings.Default.AnswerableShare;

    public double NegativeShare { get; init; } = AudienceSettings.Default.NegativeShare;

    /// <summary>Chance that a post draws a negative storm (a spike).</summary>
    public double SpikeRate { get; init; } = AudienceSettings.Default.SpikeRate;

    public int SpikeSize { get; init; } = AudienceSettings.Default.SpikeSize;

    public double WearOut { get; init; } = AudienceSettings.Default.WearOut;

    public AudienceSettings ToSettings(int seed) => AudienceSettings.Default with
    {
        Seed = seed,
        InitialFollowers = InitialFollowers,
        ReachShare = ReachShare,
        EngagementRate = EngagementRate,
        FollowConversion = FollowConversion,
        DailyChurn = DailyChurn,
        AnswerableShare = AnswerableShare,
        NegativeShare = NegativeShare,
        SpikeRate = SpikeRate,
        SpikeSize = SpikeSize,
        WearOut = WearOut,
    };
}

/// <summary>How the simulated networks misbehave (see <see cref="SimulatedNetworkSettings"/>).</summary>
public sealed record NetworkFaults
{
    public double FailureRate { get; init; } = 0.01;

    public double RateLimitRate { get; init; } = 0.005;

    public double LostAnswerRate { get; init; } = 0.001;

    /// <summary>Real milliseconds each network call takes (slows the run; the results do not change).</summary>
    public int LatencyMs { get; init; }

    public List<OutageScenario> Outages { get; init; } = [];

    public List<TokenExpiryScenario> TokenExpiries { get; init; } = [];

    public SimulatedNetworkSettings For(Network network, int seed, DateTimeOffset start) => new()
    {
        Seed = seed,
        FailureRate = FailureRate,
        RateLimitRate = RateLimitRate,
        LostAnswerRate = LostAnswerRate,
        Latency = TimeSpan.FromMilliseconds(LatencyMs),
        Outages = [.. Outages.Where(o => o.Network == network).Select(o => new Outage(o.From(start), o.From(start).AddHours(o.Hours)))],
        TokenExpiresAt = TokenExpiries.Where(t => t.Network == network).Select(t => (DateTimeOffset?)start.AddDays(t.Day)).Min(),
    };
}

/// <summary>A network down for <see cref="Hours"/> from <see cref="Hour"/> (UTC) of day <see cref="Day"/> of the run (0: the first).</summary>
public sealed record OutageScenario
{
    public Network Network { get; init; }

    public int Day { get; init; }

    public int Hour { get; init; }

    public double Hours { get; init; } = 1;

    public DateTimeOffset From(DateTimeOffset start) => start.AddDays(Day).AddHours(Hour);
}

/// <summary>From day <see cref="Day"/> of the run on, the agency's token for <see cref="Network"/> is expired: every publish there needs a person.</summary>
public sealed record TokenExpiryScenario
{
    public Network Network { get; init; }

    public int Day { get; init; }
}
