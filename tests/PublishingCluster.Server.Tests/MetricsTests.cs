using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>The node's Prometheus endpoint, scraped from real server processes as Prometheus would.</summary>
public sealed partial class MetricsTests
{
    private const string Path = "/admin/metrics";

    [Fact]
    public async Task After_a_post_is_published_the_admin_listener_serves_every_series_and_the_public_listener_serves_none()
    {
        using var folder = new TempFolder();
        await using var server = await ServerProcess.StartAsync(folder.File("journal.db"));
        using var admin = new HttpClient { BaseAddress = server.AdminAddress };

        var posts = await ApprovedPosts.CreateAsync(server, "metrics-agency", accounts: 1, postsPerAccount: 1);
        await posts.ScheduleAllAsync(DateTimeOffset.UtcNow.AddSeconds(1));
        var published = await ApprovedPosts.WaitForPublishedAsync(server.NetworksPath, 1, TimeSpan.FromSeconds(60));
        Assert.True(published.Count == 1, $"The post was not published:\n{server.Output}");

        // The account records the publication once its event is durable, just after the network has it; and the
        // exporter caches its answer briefly. Scrape until the histogram counts it, a bounded number of times.
        var text = string.Empty;
        for (var attempt = 0; attempt < 100 && Sample(text, "publishingcluster_publish_lateness_seconds_count", "network=\"linkedin\"") is null or < 1; attempt++)
        {
            await Task.Delay(100);
            using var response = await admin.GetAsync(Path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            text = await response.Content.ReadAsStringAsync();
        }

        Assert.True(Sample(text, "publishingcluster_publish_lateness_seconds_count", "network=\"linkedin\"") >= 1, text);
        Assert.True(Sample(text, "publishingcluster_publish_lateness_seconds_bucket", "le=\"+Inf\"") >= 1, text);
        Assert.True(Sample(text, "publishingcluster_journal_write_duration_seconds_count") >= 1, text);
        Assert.True(Sample(text, "publishingcluster_account_recovery_duration_seconds_count") >= 1, text);
        Assert.True(Sample(text, "publishingcluster_accounts_awake") >= 1, text);
        Assert.Equal(0, Sample(text, "publishingcluster_variants_waiting", "network=\"linkedin\""));
        Assert.Equal(0, Sample(text, "publishingcluster_escalations_raised_total", "cause=\"SlaBreach\""));
        Assert.Equal(0, Sample(text, "publishingcluster_sla_breaches_total"));
        Assert.Equal(0, Sample(text, "publishingcluster_webhook_deliveries_failed_total"));
        Assert.Contains("# TYPE publishingcluster_publish_lateness_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE publishingcluster_sla_breaches_total counter", text, StringComparison.Ordinal);

        (await server.Client.SendAsync(HttpMethod.Get, Path)).Problem(HttpStatusCode.NotFound, "route.not-found");
        using var publicMetrics = await server.Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, publicMetrics.StatusCode);
    }

    [Fact]
    public async Task With_an_operator_token_the_admin_listener_wants_it_and_the_public_listener_still_serves_no_metrics()
    {
        const string token = "metrics-operator-token-0123456789";
        using var folder = new TempFolder();
        await using var server = await ServerProcess.StartAsync(folder.File("journal.db"), "--operator-token", token);
        using var anonymous = new HttpClient { BaseAddress = server.AdminAddress };
        using var operatorOnAdmin = new HttpClient { BaseAddress = server.AdminAddress };
        operatorOnAdmin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var operatorOnPublic = new HttpClient { BaseAddress = server.BaseAddress };
        operatorOnPublic.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        (await anonymous.SendAsync(HttpMethod.Get, Path)).Problem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        using var scraped = await operatorOnAdmin.GetAsync(Path);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("publishingcluster_accounts_awake", await scraped.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Other operator routes answer on the public listener with the token; metrics do not.
        (await operatorOnPublic.SendAsync(HttpMethod.Get, "/admin/cluster")).Ok();
        (await operatorOnPublic.SendAsync(HttpMethod.Get, Path)).Problem(HttpStatusCode.NotFound, "route.not-found");
    }

    /// <summary>The value of the first sample of <paramref name="name"/> whose labels contain <paramref name="label"/>; null if none.</summary>
    private static double? Sample(string text, string name, string? label = null)
    {
        foreach (Match match in SampleLine().Matches(text))
        {
            if (match.Groups["name"].Value == name && (label is null || match.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            {
                return double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{[^}]*\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
