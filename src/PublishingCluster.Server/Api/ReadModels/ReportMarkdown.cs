using System.Globalization;
using System.Text;
using PublishingCluster.Domain.Reporting;

namespace PublishingCluster.Server.Api.ReadModels;

/// <summary>A report as a client reads it: Markdown, with the period in the account's own time zone.</summary>
public static class ReportMarkdown
{
    public const string MediaType = "text/markdown";

    public static string Render(string accountName, PeriodReport report)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        var lastDay = report.Period.Until.AddDays(-1);
        text.AppendLine(inv, $"# {accountName}: {report.Period.Cadence} report, {report.Period.From:yyyy-MM-dd} to {lastDay:yyyy-MM-dd}");
        text.AppendLine();
        text.AppendLine(inv, $"Times in {report.TimeZone}. Issued {report.IssuedAt:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine(report.AcknowledgedAt is { } ack
            ? string.Create(inv, $"Acknowledged by {report.AcknowledgedBy} on {ack:yyyy-MM-dd HH:mm} UTC.")
            : "Not yet acknowledged.");
        text.AppendLine();

        text.AppendLine("## Publishing");
        text.AppendLine();
        if (report.Channels.Count == 0)
        {
            text.AppendLine("No channels connected.");
        }
        else
        {
            text.AppendLine("| Channel | Contracted | Planned | Published | Failed | Expired | Lateness p50 | p90 | max |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var line in report.Channels)
            {
                text.AppendLine(inv, $"| {line.Network} {Cell(line.Handle)} | {line.Contracted} | {line.Planned} | {line.Published} | {line.Failed} | {line.Expired} | {Duration(line.LatenessP50)} | {Duration(line.LatenessP90)} | {Duration(line.LatenessMax)} |");
            }
        }

        text.AppendLine();
        text.AppendLine("## Failures");
        text.AppendLine();
        if (report.Failures.Count == 0)
        {
            text.AppendLine("None.");
        }

        foreach (var failure in report.Failures)
        {
            text.AppendLine(inv, $"- {Cell(failure.Title)} on {failure.Network} ({failure.ScheduledAt:yyyy-MM-dd HH:mm} UTC): {Cell(failure.Reason)}");
        }

        text.AppendLine();
        text.AppendLine("## Goals");
        text.AppendLine();
        if (report.Goals.Count == 0)
        {
            text.AppendLine("No goals in the contract.");
        }
        else
        {
            text.AppendLine("| Goal | Metric | Target | Deadline | Latest | Projected | Status |");
            text.AppendLine("|---|---|---:|---|---:|---:|---|");
            foreach (var goal in report.Goals)
            {
                text.AppendLine(inv, $"| {Cell(goal.GoalId)} | {goal.Metric} | {goal.Target} | {goal.Deadline:yyyy-MM-dd} | {goal.Latest?.ToString(inv) ?? "-"} | {goal.Projected?.ToString(inv) ?? "-"} | {StatusOf(goal.Status)} |");
            }
        }

        if (report.Engagement is { } engagement)
        {
            text.AppendLine();
            text.AppendLine("## Engagement");
            text.AppendLine();
            text.AppendLine(inv, $"- Received: {engagement.Received}; answered: {engagement.Responded}.");
            text.AppendLine(engagement.ResponseRate is { } rate ? string.Create(inv, $"- Response rate: {rate * 100:0.#} %") : "- Response rate: - (nothing received)");
            text.AppendLine(inv, $"- First response in business time: p50 {Duration(engagement.FirstResponseP50)}, p90 {Duration(engagement.FirstResponseP90)}.");
            text.AppendLine(inv, $"- Response deadlines missed: {engagement.SlaBreaches}; negative spikes: {engagement.NegativeSpikes}.");
        }

        if (report.Partnership is { } partnership)
        {
            text.AppendLine();
            text.AppendLine("## Partnership");
            text.AppendLine();
            var since = partnership.PreviousScore is { } previous ? string.Create(inv, $", {partnership.Trend.ToString().ToLowerInvariant()} since the last report ({previous})") : string.Empty;
            text.AppendLine(inv, $"Partnership health: {partnership.Score} of 100 ({partnership.Band}){since}.");
            foreach (var reason in partnership.Reasons)
            {
                text.AppendLine(inv, $"- {Cell(reason)}");
            }
        }

        return text.ToString();
    }

    private static string StatusOf(GoalStatus status) => status switch
    {
        GoalStatus.Green => "green: on track",
        GoalStatus.Amber => "amber: at risk",
        GoalStatus.Red => "red: off track",
        _ => "no trend yet (fewer than two measurements)",
    };

    private static string Duration(TimeSpan? value) => value switch
    {
        null => "-",
        { TotalSeconds: < 60 } v => string.Create(CultureInfo.InvariantCulture, $"{v.TotalSeconds:0} s"),
        { TotalMinutes: < 60 } v => string.Create(CultureInfo.InvariantCulture, $"{v.TotalMinutes:0.#} min"),
        { } v => string.Create(CultureInfo.InvariantCulture, $"{v.TotalHours:0.#} h"),
    };

    /// <summary>Client text inside a table cell or list item: no pipes or line breaks to break the layout.</summary>
    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
