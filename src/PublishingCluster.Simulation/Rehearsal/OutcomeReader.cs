using System.Globalization;
using System.Text.Json.Nodes;

namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>
/// Reads the rehearsal's outcome back from the server, account by account through the public API: the calendar of
/// the run, the engagements, escalations, reports and partnership. These reads come after the load is measured and
/// are not part of it. An account that cannot be read is counted, not guessed.
/// </summary>
public sealed class OutcomeReader(ApiConnection api, string agencyKey, int concurrency)
{
    private const string Kind = "read-back";

    public async Task<RehearsalResult> ReadAsync(IReadOnlyList<RehearsalAccount> accounts, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var reads = new AccountRead?[accounts.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, accounts.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) => reads[i] = await ReadAsync(accounts[i].ServerId, start, end, ct));

        var read = accounts.Select((a, i) => (Account: a, Read: reads[i])).Where(x => x.Read is not null).Select(x => (x.Account, Read: x.Read!)).ToList();
        var calendar = read.SelectMany(r => r.Read.Calendar).ToList();
        var engagements = read.SelectMany(r => r.Read.Engagements).ToList();
        var escalations = read.SelectMany(r => r.Read.Escalations).ToList();
        var reports = read.SelectMany(r => r.Read.Reports).ToList();
        var partnership = read.Select(r => r.Read.Partnership).ToList();
        var behaviours = new SortedDictionary<string, RehearsalBehaviourLine>(StringComparer.Ordinal);
        foreach (var group in read.GroupBy(r => r.Account.Client.Behaviour).OrderBy(g => g.Key))
        {
            behaviours[group.Key.ToString()] = new RehearsalBehaviourLine(
                group.Count(),
                group.Sum(r => r.Read.Calendar.Count(e => Text(e, "delivery") == "Published")),
                group.Sum(r => r.Read.Reports.Count(x => x["acknowledgedAt"] is not null)),
                group.Sum(r => r.Read.Reports.Count),
                group.Sum(r => Items(r.Read.Partnership, "contacts").Count),
                group.Sum(r => r.Read.Escalations.Count(e => Text(e, "cause") == "ContactAbovePolicy")),
                group.Sum(r => r.Read.Escalations.Count));
        }

        return new RehearsalResult(
            read.Count,
            accounts.Count - read.Count,
            calendar.Count,
            Count(calendar.Select(e => Text(e, "delivery"))),
            Count(calendar.GroupBy(e => Text(e, "postId")).Select(g => Text(g.First(), "status"))),
            engagements.Count,
            engagements.Count(e => Items(e, "responses").Count > 0),
            escalations.Count,
            Count(escalations.Select(e => Text(e, "cause"))),
            escalations.Count(e => e["acknowledgedAt"] is not null),
            reports.Count,
            reports.Count(r => r["acknowledgedAt"] is not null),
            partnership.Sum(p => Items(p, "contacts").Count),
            partnership.Sum(p => Items(p, "contentRequests").Count),
            partnership.Sum(p => Items(p, "contentRequests").Count(c => c["deliveredAt"] is not null)),
            partnership.Sum(p => Items(p, "recommendations").Count),
            partnership.Sum(p => Items(p, "recommendations").Count(r => Text(r, "outcome") == "Accepted")),
            behaviours);
    }

    private async Task<AccountRead?> ReadAsync(string accountId, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var account = $"/accounts/{Uri.EscapeDataString(accountId)}";
        var range = $"from={Uri.EscapeDataString(start.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(end.ToString("O", CultureInfo.InvariantCulture))}";
        var calendar = await api.GetAsync(Kind, $"{account}/calendar?{range}", agencyKey, cancellationToken);
        var engagements = await api.GetAsync(Kind, $"{account}/engagements", agencyKey, cancellationToken);
        var escalations = await api.GetAsync(Kind, $"{account}/escalations", agencyKey, cancellationToken);
        var reports = await api.GetAsync(Kind, $"{account}/reports", agencyKey, cancellationToken);
        var partnership = await api.GetAsync(Kind, $"{account}/partnership", agencyKey, cancellationToken);
        return new[] { calendar, engagements, escalations, reports, partnership }.All(a => a.Ok && a.Body is not null)
            ? new AccountRead(Items(calendar.Body!, "entries"), Items(engagements.Body!, "engagements"), Items(escalations.Body!, "escalations"), Items(reports.Body!, "reports"), partnership.Body!)
            : null;
    }

    private static List<JsonNode> Items(JsonNode node, string name) => [.. (node[name]?.AsArray() ?? []).OfType<JsonNode>()];

    private static string Text(JsonNode node, string name) => node[name]?.GetValue<string>() ?? "unknown";

    private static SortedDictionary<string, int> Count(IEnumerable<string> keys)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }

    private sealed record AccountRead(List<JsonNode> Calendar, List<JsonNode> Engagements, List<JsonNode> Escalations, List<JsonNode> Reports, JsonNode Partnership);
}
