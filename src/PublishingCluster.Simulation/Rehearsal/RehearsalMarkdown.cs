using System.Globalization;
using System.Text;

namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>The rehearsal's figures as a short Markdown page (<c>rehearsal.md</c>) and as console lines.</summary>
public static class RehearsalMarkdown
{
    public static string Write(RehearsalSummary s)
    {
        var text = new StringBuilder();
        text.Append(F($"# Rehearsal '{s.Scenario.Name}'\n\n"))
            .Append(F($"{s.Scenario.Accounts} accounts x {s.Scenario.ChannelsPerAccount} channels, {s.Scenario.Days} days (step {s.Scenario.StepMinutes} min), seed {s.Scenario.Seed}, "))
            .Append(F($"against {s.Server.Url} (clock {s.Server.Clock}, speed {s.Server.Speed}) from {s.Server.StartedAt:yyyy-MM-dd HH:mm} UTC; "))
            .Append(F($"{s.Run.WallSeconds:0.0} s wall, {s.Server.ServerHours?.ToString("0.#", CultureInfo.InvariantCulture) ?? "?"} server hours, stopped by {s.Run.StoppedBy}, concurrency {s.Run.Concurrency}.\n\n"));
        if (s.Run.Problem is { } problem)
        {
            text.Append(F($"Stopped early: {problem}\n\n"));
        }

        text.Append("| Requests | Count | Ok | Failed | Failed by status | Per second | p50 ms | p95 ms | p99 ms | Max ms |\n")
            .Append("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
        foreach (var (kind, line) in s.Load.Routes.Append(new KeyValuePair<string, RouteLine>("all", s.Load.Total)))
        {
            text.Append(F($"| {kind} | {line.Requests} | {line.Ok} | {line.Failed} | {Pairs(line.FailedByStatus)} | {line.PerSecond:0.##} | {line.P50Ms:0.##} | {line.P95Ms:0.##} | {line.P99Ms:0.##} | {line.MaxMs:0.##} |\n"));
        }

        text.Append('\n');
        foreach (var line in Outcome(s))
        {
            text.Append("- ").Append(line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The outcome read back from the server, a line per subject.</summary>
    public static IEnumerable<string> Outcome(RehearsalSummary s)
    {
        if (s.Outcome is not { } o)
        {
            yield return "Outcome: not read back from the server.";
            yield break;
        }

        yield return F($"Posts (variants due in the run): {o.VariantsDue}; by delivery {Pairs(o.VariantsByDelivery)}; posts by status {Pairs(o.PostsByStatus)}");
        yield return F($"Engagements: {o.EngagementsReceived} received, {o.EngagementsAnswered} answered (the rehearsal posted {s.Run.EngagementsPosted})");
        yield return F($"Escalations: {o.EscalationsRaised} raised, {o.EscalationsAcknowledged} acknowledged; by cause {Pairs(o.EscalationsByCause)}");
        yield return F($"Reports: {o.ReportsDelivered} delivered, {o.ReportsAcknowledged} acknowledged");
        yield return F($"Client: {o.Contacts} contacts, content requests {o.ContentRequests} ({o.ContentDelivered} delivered), recommendations {o.Recommendations} ({o.RecommendationsAccepted} accepted)");
        foreach (var (behaviour, b) in o.Behaviours)
        {
            yield return F($"  {behaviour}: {b.Accounts} accounts, {b.VariantsPublished} variants published, reports read {b.ReportsAcknowledged}/{b.ReportsDelivered}, contacts {b.Contacts} ({b.ContactsAbovePolicy} above policy), {b.Escalations} escalations");
        }

        if (o.AccountsUnread > 0)
        {
            yield return F($"{o.AccountsUnread} accounts could not be read back.");
        }
    }

    private static string Pairs<T>(SortedDictionary<string, T> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Select(c => F($"{c.Key} {c.Value}")));

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
