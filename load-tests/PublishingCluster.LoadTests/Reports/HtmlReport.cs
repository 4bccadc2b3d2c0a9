using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace PublishingCluster.LoadTests.Reports;

/// <summary>
/// report.html: the Markdown report's table and thresholds, and per measured row a latency-over-time chart (p50 and
/// p99 per second, with ok/s beneath) drawn as inline SVG, so the file opens anywhere with no script and no network.
/// </summary>
public static class HtmlReport
{
    public const string FileName = "report.html";

    private const int Width = 760;
    private const int Height = 220;
    private const int Left = 60;
    private const int Right = 60;
    private const int Top = 14;
    private const int Bottom = 30;

    public static string Write(string folder, IReadOnlyList<StepStats> results, IReadOnlyList<ThresholdResult> checks, IReadOnlyList<string> crashed, IEnumerable<string> arguments)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Load test report</title><style>");
        html.AppendLine("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;font-size:13px}" +
            "td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}td:first-child,td:nth-child(2),th{text-align:left}" +
            ".fail{color:#b00;font-weight:bold}.pass{color:#070}svg{background:#fafafa;border:1px solid #ddd}text{font-size:11px}");
        html.AppendLine("</style></head><body>");
        html.AppendLine("<h1>Load test report</h1>");
        html.AppendLine(Line($"<p>Run at {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC: <code>{Encode(string.Join(' ', arguments))}</code><br>"));
        html.AppendLine(Line($"Machine: {Environment.ProcessorCount} cores, {Encode(RuntimeInformation.OSDescription)}, {Encode(RuntimeInformation.FrameworkDescription)}. Latencies of ok requests, in milliseconds; rps counts ok requests only.</p>"));

        html.AppendLine("<h2>Thresholds</h2><table><tr><th></th><th>scenario</th><th>step</th><th>threshold</th><th>measured</th></tr>");
        foreach (var check in checks)
        {
            var verdict = check.Passed ? "<td class=\"pass\">pass</td>" : "<td class=\"fail\">FAIL</td>";
            html.AppendLine(Line($"<tr>{verdict}<td>{Encode(check.Scenario)}</td><td>{Encode(check.Row?.Step ?? check.Threshold.Step)}</td><td>{Encode(check.Threshold.ToString())}</td><td>{Encode(MarkdownReport.Measured(check))}</td></tr>"));
        }

        html.AppendLine("</table>");
        foreach (var crash in crashed)
        {
            html.AppendLine(Line($"<p class=\"fail\">Could not run: {Encode(crash)}</p>"));
        }

        html.AppendLine("<h2>Steps</h2><table><tr><th>scenario</th><th>step</th><th>requests</th><th>ok</th><th>failed</th><th>ok/s</th><th>min</th><th>mean</th><th>p50</th><th>p75</th><th>p95</th><th>p99</th><th>max</th><th>std dev</th></tr>");
        foreach (var r in results)
        {
            html.AppendLine(Line($"<tr><td>{Encode(r.Scenario)}</td><td>{Encode(r.Step)}</td><td>{r.RequestCount}</td><td>{r.Ok}</td><td>{r.Failed}</td><td>{r.OkPerSecond:0}</td><td>{r.MinMs:0.00}</td><td>{r.MeanMs:0.00}</td><td>{r.P50Ms:0.00}</td><td>{r.P75Ms:0.00}</td><td>{r.P95Ms:0.00}</td><td>{r.P99Ms:0.00}</td><td>{r.MaxMs:0.00}</td><td>{r.StdDevMs:0.00}</td></tr>"));
        }

        html.AppendLine("</table>");
        foreach (var r in results)
        {
            html.AppendLine(Line($"<h3>{Encode(r.Scenario)}: {Encode(r.Step)}</h3>"));
            if (r.Timeline.Count > 0)
            {
                html.AppendLine(Chart(r.Timeline));
            }

            if (r.Failures.Count > 0 || r.Notes.Count > 0)
            {
                html.AppendLine("<ul>");
                foreach (var (reason, count) in r.Failures.OrderByDescending(f => f.Value))
                {
                    html.AppendLine(Line($"<li>failed with {Encode(reason)}: {count}</li>"));
                }

                foreach (var (name, value) in r.Notes)
                {
                    html.AppendLine(Line($"<li>{Encode(name)}: {Encode(value)}</li>"));
                }

                html.AppendLine("</ul>");
            }
        }

        html.AppendLine("</body></html>");
        var path = Path.Combine(folder, FileName);
        File.WriteAllText(path, html.ToString());
        return path;
    }

    /// <summary>p50 (blue) and p99 (red) per second against the left axis, ok/s (grey) against the right one.</summary>
    public static string Chart(IReadOnlyList<TimelinePoint> timeline)
    {
        var seconds = Math.Max(1, timeline[^1].Second);
        var maxMs = Math.Max(0.001, timeline.Max(p => p.P99Ms));
        var maxRate = Math.Max(1, timeline.Max(p => p.Ok + p.Failed));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int second) => Left + (plotWidth * (double)second / seconds);
        double Y(double value, double max) => Top + plotHeight - (plotHeight * value / max);
        string Points(Func<TimelinePoint, double> value, double max) =>
            string.Join(' ', timeline.Select(p => Line($"{X(p.Second):0.#},{Y(value(p), max):0.#}")));

        var svg = new StringBuilder();
        svg.AppendLine(Line($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"latency over time\">"));
        svg.AppendLine(Line($"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Left + plotWidth}\" y2=\"{Top + plotHeight}\" stroke=\"#999\"/>"));
        svg.AppendLine(Line($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"#999\"/>"));
        svg.AppendLine(Line($"<text x=\"{Left - 4}\" y=\"{Top + 8}\" text-anchor=\"end\">{maxMs:0.#} ms</text><text x=\"{Left - 4}\" y=\"{Top + plotHeight}\" text-anchor=\"end\">0</text>"));
        svg.AppendLine(Line($"<text x=\"{Left + plotWidth + 4}\" y=\"{Top + 8}\" fill=\"#888\">{maxRate}/s</text>"));
        svg.AppendLine(Line($"<text x=\"{Left}\" y=\"{Height - 8}\">0 s</text><text x=\"{Left + plotWidth}\" y=\"{Height - 8}\" text-anchor=\"end\">{seconds} s</text>"));
        svg.AppendLine(Line($"<text x=\"{Left + (plotWidth / 2)}\" y=\"{Height - 8}\" text-anchor=\"middle\"><tspan fill=\"#1f5fbf\">p50</tspan> <tspan fill=\"#c0392b\">p99</tspan> <tspan fill=\"#888\">ok+failed a second</tspan></text>"));
        svg.AppendLine(Line($"<polyline fill=\"none\" stroke=\"#bbb\" stroke-width=\"1\" points=\"{Points(p => p.Ok + p.Failed, maxRate)}\"/>"));
        svg.AppendLine(Line($"<polyline fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"1.5\" points=\"{Points(p => p.P50Ms, maxMs)}\"/>"));
        svg.AppendLine(Line($"<polyline fill=\"none\" stroke=\"#c0392b\" stroke-width=\"1.5\" points=\"{Points(p => p.P99Ms, maxMs)}\"/>"));
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
