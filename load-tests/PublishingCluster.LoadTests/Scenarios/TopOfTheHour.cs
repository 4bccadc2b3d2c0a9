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
        var schedule = $$"""{ "at": "{{Hour.ToString("O", CultureInfo.InvariantCulture)}}" }""";
        var ready = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Accounts), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            // Every create carries an Idempotency-Key, so a retry after a 503 never makes a second one.
            var account = await PostAsync(api, "/accounts", AgencyFixture.OpenAccountBody($"Client {i}"), $"account-{i}", ct);
            var channel = await PostAsync(api, $"{account}/channels", AgencyFixture.ConnectChannelBody($"client-{i}"), $"channel-{i}", ct);
            var post = await PostAsync(api, $"{account}/posts", AgencyFixture.CreatePostBody(channel[(channel.LastIndexOf('/') + 1)..]), $"post-{i}", ct);
            foreach (var step in new[] { "submit", "approve", "client-approve" })
            {
                await PostAsync(api, $"{post}/{step}", null, null, ct);
            }

            await PostAsync(api, $"{post}/schedule", schedule, null, ct);
            if (Interlocked.Increment(ref ready) % 1000 == 0)
            {
                Console.WriteLine($"top-of-hour: {ready} accounts ready after {setUp.Elapsed.TotalSeconds:0} s");
            }
        });
        var setUpTime = setUp.Elapsed;
        Console.WriteLine($"top-of-hour: set up in {setUpTime.TotalSeconds:0} s; releasing the clock.");

        var released = Stopwatch.StartNew();
        (await admin.PostAsJsonAsync("/admin/clock", new { to = Hour.AddSeconds(-2), speed = 1 }, cancellationToken)).EnsureSuccessStatusCode();
        var cpuBefore = server.CpuTime();
        var limit = TimeSpan.FromMinutes(10);
        IReadOnlyList<Publication> published;
        using (var networks = new SqlitePublicationLog(server.NetworksPath))
        {
            // A count while waiting, the rows once at the end: this runner shares the machine with the node.
            while (released.Elapsed < limit && networks.Count() < options.Accounts)
            {
                await Task.Delay(250, cancellationToken);
            }

            published = networks.All();
        }

        var spikeCpu = server.CpuTime() - cpuBefore;
        if (published.Count < options.Accounts)
        {
            // What the node said while it fell short, for whoever reads the report.
            Console.WriteLine($"top-of-hour: only {published.Count} of {options.Accounts} published; the server's last output:");
            Console.WriteLine(server.Output);
        }

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
        md.AppendLine(inv, $"## top-of-hour: {options.Accounts} accounts, one post each, all due at the same instant");
        md.AppendLine();
        md.AppendLine(inv, $"- published: {published.Count} of {options.Accounts} (limit {limit.TotalMinutes:0} min); set-up took {setUpTime.TotalSeconds:0} s");
        md.AppendLine(inv, $"- lateness (network receipt minus the hour): p50 {Ms(lateness, 50)} ms, p99 {Ms(lateness, 99)} ms, max {lateness.GetMaxValue() / 1000.0:0} ms");
        md.AppendLine(inv, $"- throughput: {perSecond:0} posts/s from the first to the last ({(last - first).TotalSeconds:0.0} s)");
        md.AppendLine(inv, $"- server CPU during the spike: {spikeCpu.TotalSeconds:0.0} s ({spikeCpu.TotalMilliseconds / Math.Max(1, published.Count):0.00} ms per post)");
        md.AppendLine(inv, $"- idle, nothing due, over {options.Duration.TotalSeconds:0} s: server CPU {emptyIdle:P1} of one core with no accounts, {idleShare:P1} with {options.Accounts} accounts tracked");
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

    /// <summary>
    /// POSTs and returns the Location (or the path's parent for a lifecycle step). A 503 or 429 is retried after a
    /// pause, a few times; a lifecycle step that answers 409 on a retry had gone through the first time.
    /// </summary>
    private static async Task<string> PostAsync(HttpClient api, string path, string? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path);
            if (body is not null)
            {
                request.Content = AgencyFixture.Json(body);
            }

            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            using var response = await api.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode || (attempt > 1 && response.StatusCode == System.Net.HttpStatusCode.Conflict))
            {
                return response.Headers.Location?.OriginalString ?? path[..path.LastIndexOf('/')];
            }

            if (attempt < 6 && response.StatusCode is System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
                continue;
            }

            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
