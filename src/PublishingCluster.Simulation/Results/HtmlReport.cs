using System.Globalization;
using System.Net;
using System.Text;

namespace PublishingCluster.Simulation.Results;

/// <summary>
/// report.html: the summary for people, with charts drawn as inline SVG (no scripts, nothing fetched): published
/// posts per day, SLA attainment per week, goal progress per client behaviour, and the tables behind them.
/// </summary>
public static class HtmlReport
{
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"];

    public static string Write(RunSummary s)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Simulation ")
            .Append(E(s.Scenario.Name)).Append("</title><style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}")
            .Append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}")
            .Append("td:first-child,th:first-child{text-align:left}svg{background:#fafafa;border:1px solid #eee}</style></head><body>\n");
        html.Append(F($"<h1>Simulation: {E(s.Scenario.Name)}</h1><p>Seed {s.Scenario.Seed}, {s.Scenario.Accounts} accounts × {s.Scenario.ChannelsPerAccount} channels, {s.Scenario.Days} days from {E(s.Scenario.Start)}, {s.Scenario.PostsPerWeek} posts a week per channel.</p>\n"));

        html.Append("<h2>Posts</h2>").Append(Table(["Planned", "Published", "Late", "Lateness p50 (min)", "p90", "Failed", "Expired", "Still open", "Retries"],
            [[s.Posts.Planned, s.Posts.Published, s.Posts.Late, s.Posts.LatenessP50Minutes, s.Posts.LatenessP90Minutes, s.Posts.Failed, s.Posts.Expired, s.Posts.StillOpen, s.Posts.Retries]]));
        if (s.Posts.FailedByReason.Count > 0)
        {
            html.Append(Table(["Failure", "Variants"], [.. s.Posts.FailedByReason.Select(f => new object[] { f.Key, f.Value })]));
        }

        html.Append("<h3>Published per day</h3>").Append(Bars([.. s.Daily.Select(d => (d.Date[5..], (double)d.Published))], "#1f77b4"));
        html.Append(F($"<p>On the networks: {s.Network.Publications} posts; duplicate sends {s.Network.DuplicateSends}; recorded but missing {s.Network.RecordedButMissing}; on a network but not recorded {s.Network.OnNetworkButNotRecorded}.</p>\n"));

        html.Append("<h2>Engagement</h2>").Append(Table(["Received", "Negative", "Answered", "Within SLA", "Share", "First response p50 (min)", "p90"],
            [[s.Engagements.Received, s.Engagements.Negative, s.Engagements.Answered, s.Engagements.AnsweredWithinSla, s.Engagements.WithinSlaShare, s.Engagements.FirstResponseP50Minutes, s.Engagements.FirstResponseP90Minutes]]));
        html.Append("<h3>SLA attainment per week</h3>").Append(Bars([.. s.Weekly.Select(w => (w.WeekStart[5..], w.SlaAttainment * 100))], "#2ca02c", max: 100));

        html.Append("<h2>Escalations</h2>").Append(Table(["Raised", "Acknowledged", "Resolved", "Open at end"], [[s.Escalations.Raised, s.Escalations.Acknowledged, s.Escalations.Resolved, s.Escalations.OpenAtEnd]]));
        html.Append(Table(["Cause", "Escalations"], [.. s.Escalations.ByCause.Select(c => new object[] { c.Key, c.Value })]));
        html.Append(Table(["Highest level reached", "Escalations"], [.. s.Escalations.ByLevel.Select(c => new object[] { c.Key, c.Value })]));

        html.Append("<h2>Reports</h2>").Append(Table(["Delivered", "Acknowledged", "Share"], [[s.Reports.Delivered, s.Reports.Acknowledged, s.Reports.AcknowledgedShare]]));

        html.Append("<h2>Clients</h2>").Append(Table(["Behaviour", "Accounts", "Goals met", "Share", "Mean progress", "Published", "Expired posts", "Escalations / account", "Reports read"],
            [.. s.Behaviours.Select(b => new object[] { b.Key, b.Value.Accounts, b.Value.GoalsMet, b.Value.GoalsMetShare, b.Value.MeanGoalProgress, b.Value.PostsPublished, b.Value.PostsExpired, b.Value.EscalationsPerAccount, $"{b.Value.ReportsAcknowledged}/{b.Value.ReportsDelivered}" })]));
        html.Append("<h3>Goal progress per behaviour (share of the way to the target, by week)</h3>").Append(Lines(s.Behaviours.ToDictionary(b => b.Key, b => b.Value.GoalProgressByWeek)));

        var health = s.PartnershipHealth;
        html.Append("<h2>Partnership health</h2>").Append(Table(["Band", "Accounts"], [.. health.Bands.Select(b => new object[] { b.Key, b.Value })]))
            .Append(Bars([.. health.ScoreRanges.Select(r => (r.Key, (double)r.Value))], "#9467bd"))
            .Append(Table(["Behaviour", "Mean score", "Bands"], [.. health.MeanByBehaviour.Select(b => new object[] { b.Key, b.Value, string.Join(", ", health.BandsByBehaviour[b.Key].Select(x => $"{x.Key} {x.Value}")) })]))
            .Append(F($"<p>Content requests {health.ContentRequests}, delivered {health.ContentDelivered}; recommendations {health.Recommendations}, accepted {health.RecommendationsAccepted}; client contacts {health.Contacts}.</p>\n"));

        html.Append("<h2>Audience</h2>").Append(F($"<p>{s.Audience.Posts} posts drew {s.Audience.MeanInteractionsPerPost} interactions each on average; followers went from {s.Audience.FollowersAtStart} to {s.Audience.FollowersAtEnd}.</p>"));
        html.Append("<h3>Mean interactions per post by local hour</h3>").Append(Bars([.. s.Audience.MeanInteractionsByLocalHour.Select(h => (h.Key.ToString("00", CultureInfo.InvariantCulture), h.Value))], "#ff7f0e"));
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static string Table(string[] headers, IEnumerable<object[]> rows)
    {
        var t = new StringBuilder("<table><tr>");
        foreach (var h in headers)
        {
            t.Append("<th>").Append(E(h)).Append("</th>");
        }

        t.Append("</tr>");
        foreach (var row in rows)
        {
            t.Append("<tr>");
            foreach (var cell in row)
            {
                t.Append("<td>").Append(E(Convert.ToString(cell, CultureInfo.InvariantCulture) ?? string.Empty)).Append("</td>");
            }

            t.Append("</tr>");
        }

        return t.Append("</table>\n").ToString();
    }

    private static string Bars(IReadOnlyList<(string Label, double Value)> bars, string colour, double? max = null)
    {
        const int Width = 900, Height = 220, Bottom = 30, Top = 20;
        if (bars.Count == 0)
        {
            return "<p>No data.</p>\n";
        }

        var top = Math.Max(max ?? bars.Max(b => b.Value), 1e-9);
        var step = (double)Width / bars.Count;
        var svg = new StringBuilder(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" role=\"img\">"));
        for (var i = 0; i < bars.Count; i++)
        {
            var h = (Height - Bottom - Top) * bars[i].Value / top;
            svg.Append(F($"<rect x=\"{(i * step) + 1:0.#}\" y=\"{Height - Bottom - h:0.#}\" width=\"{Math.Max(step - 2, 1):0.#}\" height=\"{h:0.#}\" fill=\"{colour}\"><title>{E(bars[i].Label)}: {bars[i].Value:0.##}</title></rect>"));
            if (bars.Count <= 40 || i % (bars.Count / 20) == 0)
            {
                svg.Append(F($"<text x=\"{(i * step) + (step / 2):0.#}\" y=\"{Height - 10}\" font-size=\"10\" text-anchor=\"middle\">{E(bars[i].Label)}</text>"));
            }
        }

        svg.Append(F($"<text x=\"4\" y=\"14\" font-size=\"11\">max {top:0.##}</text></svg>\n"));
        return svg.ToString();
    }

    private static string Lines(IReadOnlyDictionary<string, List<double>> series)
    {
        const int Width = 900, Height = 240, Margin = 30;
        var points = series.Values.Select(v => v.Count).DefaultIfEmpty(0).Max();
        if (points < 2)
        {
            return "<p>No data.</p>\n";
        }

        var values = series.Values.SelectMany(v => v).ToList();
        var low = Math.Min(0, values.Min());
        var high = Math.Max(1, values.Max());
        double X(int i) => Margin + ((Width - (2 * Margin)) * i / (double)(points - 1));
        double Y(double v) => Height - Margin - ((Height - (2 * Margin)) * (v - low) / (high - low));
        var svg = new StringBuilder(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" role=\"img\">"));
        svg.Append(F($"<line x1=\"{Margin}\" x2=\"{Width - Margin}\" y1=\"{Y(1):0.#}\" y2=\"{Y(1):0.#}\" stroke=\"#999\" stroke-dasharray=\"4\"/><text x=\"{Width - Margin}\" y=\"{Y(1) - 4:0.#}\" font-size=\"10\" text-anchor=\"end\">target</text>"));
        var colour = 0;
        foreach (var (name, line) in series.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var c = Colours[colour++ % Colours.Length];
            var path = string.Join(" ", line.Select((v, i) => F($"{X(i):0.#},{Y(v):0.#}")));
            svg.Append(F($"<polyline fill=\"none\" stroke=\"{c}\" stroke-width=\"2\" points=\"{path}\"/><text x=\"{Margin + 4}\" y=\"{(colour * 14) + 4}\" font-size=\"11\" fill=\"{c}\">{E(name)}</text>"));
        }

        return svg.Append("</svg>\n").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
