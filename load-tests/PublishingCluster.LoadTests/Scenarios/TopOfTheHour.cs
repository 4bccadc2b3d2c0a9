using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using HdrHistogram;
using PublishingCluster.Channels.Simulated;

namespace PublishingCluster.LoadTests.Scenarios;

/// <summary>
/// The top-of-the-hour spike: <c>--accounts</c> accounts each with a post due at the same instant. The server runs
/// on a virtual clock held still while the posts are set up, then released at real speed two seconds before the
/// hour, so what follows is real time on this machine. Lateness is the network's receipt of each post minus the
/// hour (the coordinators' tick, the account's write before sending, the gateway's queue); throughput is posts
/// received per second from the first to the last. Then the node idles with every account still tracked, and its
/// CPU over <c>--duration</c> is the idle cost.
/// </summary>
public static class TopOfTheHour
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Hour = Start.AddHours(1);

    public static async Task<string> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        await using var server = await ServerUnderTest.StartAsync(
            [
                "--clock", "virtual", "--clock-start", Start.ToString("O", CultureInfo.InvariantCulture), "--clock-speed", "0",
                "--rate-limit", "1000000", "--rate-burst", "1000000",
                .. options.ServerArgs,
            ],
            cancellationToken);
        // The node's own idle cost (cluster gossip, timers, the coordinators' beat) before any account exists.
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var emptyIdle = await IdleShareAsync(server, options.Duration, cancellationToken);

        var token = await AgencyFixture.RegisterAgencyWithAdminKeyAsync(server, cancellationToken);
        using var api = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var admin = new HttpClient { BaseAddress = server.AdminAddress, Timeout = TimeSpan.FromSeconds(30) };

        var setUp = Stopwatch.StartNew();
        Console.WriteLine($"top-of-hour: opening {options.Accounts} accounts with a post due at {Hour:HH:mm} (virtual) ...");
        var accounts = await AgencyFixture.OpenAccountsAsync(api, options.Accounts, cancellationToken);
        var schedule = $$"""{ "at": "{{Hour.ToString("O", CultureInfo.InvariantCulture)}}" }""";
        await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (account, ct) =>
        {
            var post = await PostAsync(api, $"{account.AccountPath}/posts", AgencyFixture.CreatePostBody(account.ChannelId), ct);
            foreach (var step in new[] { "submit", "approve", "client-approve" })
            {
                await PostAsync(api, $"{post}/{step}", null, ct);
            }

            await PostAsync(api, $"{post}/schedule", schedule, ct);
        });
        var setUpTime = setUp.Elapsed;
        Console.WriteLine($"top-of-hour: set up in {setUpTime.TotalSeconds:0} s; releasing the clock.");

        var released = Stopwatch.StartNew();
        (await admin.PostAsJsonAsync("/admin/clock", new { to = Hour.AddSeconds(-2), speed = 1 }, cancellationToken)).EnsureSuccessStatusCode();
        var cpuBefore = server.CpuTime();
        IReadOnlyList<Publication> published = [];
        var limit = TimeSpan.FromMinutes(10);
        while (released.Elapsed < limit && published.Count < accounts.Count)
        {
            await Task.Delay(250, cancellationToken);
            published = Read(server.NetworksPath);
        }

        var spikeCpu = server.CpuTime() - cpuBefore;
        var lateness = new LongHistogram(TimeSpan.FromHours(1).Ticks / 10, 3);
        foreach (var publication in published)
        {
            lateness.RecordValue(Math.Max(0, (publication.PublishedAt - Hour).Ticks / 10)); // microseconds
        }

        var first = published.Count == 0 ? Hour : published.Min(p => p.PublishedAt);
        var last = published.Count == 0 ? Hour : published.Max(p => p.PublishedAt);
        var perSecond = published.Count / Math.Max(0.001, (last - first).TotalSeconds);

        // Idle: every account still tracked by the coordinators (each has a reporting period ahead), nothing due.
        // First let the accounts record the networks' answers, which arrive after the networks have the posts.
        await Task.Delay(TimeSpan.FromSeconds(15), cancellationToken);
        var idleShare = await IdleShareAsync(server, options.Duration, cancellationToken);

        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"## top-of-hour: {accounts.Count} accounts, one post each, all due at the same instant");
        md.AppendLine();
        md.AppendLine(inv, $"- published: {published.Count} of {accounts.Count} (limit {limit.TotalMinutes:0} min); set-up took {setUpTime.TotalSeconds:0} s");
        md.AppendLine(inv, $"- lateness (network receipt minus the hour): p50 {Ms(lateness, 50)} ms, p99 {Ms(lateness, 99)} ms, max {lateness.GetMaxValue() / 1000.0:0} ms");
        md.AppendLine(inv, $"- throughput: {perSecond:0} posts/s from the first to the last ({(last - first).TotalSeconds:0.0} s)");
        md.AppendLine(inv, $"- server CPU during the spike: {spikeCpu.TotalSeconds:0.0} s ({spikeCpu.TotalMilliseconds / Math.Max(1, published.Count):0.00} ms per post)");
        md.AppendLine(inv, $"- idle, nothing due, over {options.Duration.TotalSeconds:0} s: server CPU {emptyIdle:P1} of one core with no accounts, {idleShare:P1} with {accounts.Count} accounts tracked");
        return md.ToString();
    }

    private static async Task<double> IdleShareAsync(ServerUnderTest server, TimeSpan duration, CancellationToken cancellationToken)
    {
        var before = server.CpuTime();
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration, cancellationToken);
        return (server.CpuTime() - before) / clock.Elapsed;
    }

    private static double Ms(LongHistogram histogram, double percentile) => histogram.GetValueAtPercentile(percentile) / 1000.0;

    private static IReadOnlyList<Publication> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var log = new SqlitePublicationLog(path);
        return log.All();
    }

    private static async Task<string> PostAsync(HttpClient api, string path, string? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = AgencyFixture.Json(body);
        }

        using var response = await api.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return response.Headers.Location?.OriginalString ?? path[..path.LastIndexOf('/')];
    }
}
