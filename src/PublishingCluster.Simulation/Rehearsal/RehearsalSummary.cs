using System.Text.Json;
using System.Text.Json.Serialization;

namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>What <c>rehearsal.json</c> holds: the scenario, the server and its clock, the run, the load per kind of request, the outcome read back, and the server's ids of the accounts played.</summary>
public sealed record RehearsalSummary(
    RehearsalScenarioLine Scenario,
    RehearsalServerLine Server,
    RehearsalRunLine Run,
    RehearsalLoadLine Load,
    RehearsalResult? Outcome,
    List<string> AccountIds)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static RehearsalSummary Of(RehearsalOutcome o, Uri server, int concurrency) => new(
        new RehearsalScenarioLine(o.Scenario.Name, o.Scenario.Seed, o.Scenario.Accounts, o.Scenario.ChannelsPerAccount, o.Scenario.Days, o.Scenario.PostsPerWeek, o.Scenario.StepMinutes),
        new RehearsalServerLine(
            server.ToString(),
            o.ServerClock.Mode,
            o.ServerClock.Speed,
            o.ServerClock.Now,
            o.ServerEnd,
            o.ServerEnd is { } end ? Math.Round((end - o.ServerClock.Now).TotalHours, 2) : null),
        new RehearsalRunLine(Math.Round(o.Wall.TotalSeconds, 2), o.StoppedBy, o.Problem, concurrency, o.PublishedSeen, o.EngagementsPosted),
        new RehearsalLoadLine(o.Total, o.Routes),
        o.Result,
        [.. o.AccountIds]);

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

public sealed record RehearsalScenarioLine(string Name, int Seed, int Accounts, int ChannelsPerAccount, int Days, int PostsPerWeek, int StepMinutes);

/// <summary>The server rehearsed against: its address, its clock's mode and speed, its time at the start and at the end, and the server hours played.</summary>
public sealed record RehearsalServerLine(string Url, string Clock, double Speed, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, double? ServerHours);

/// <summary>The rehearsal itself: wall seconds, why it stopped (days, for, interrupted, server lost), the concurrency, and the variants it saw published and the engagements it posted.</summary>
public sealed record RehearsalRunLine(double WallSeconds, string StoppedBy, string? Problem, int Concurrency, long PublishedSeen, long EngagementsPosted);

/// <summary>The load: every request together, and per kind of request (read-backs at the end are not counted).</summary>
public sealed record RehearsalLoadLine(RouteLine Total, SortedDictionary<string, RouteLine> Routes);
