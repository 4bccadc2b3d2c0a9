using System.Net;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task A_key_over_its_rate_gets_429_with_retry_after_while_other_keys_go_on()
    {
        using var folder = new TempFolder();
        await using var host = await ServerHost.StartAsync(folder.File("journal.db"), new Dictionary<string, string?>
        {
            ["Node:RateLimitPerSecond"] = "1",
            ["Node:RateLimitBurst"] = "5",
        });
        await Tenancy.RegisterAgencyAsync(host, "northwind");
        using var busy = host.CreateClient(await Tenancy.IssueKeyAsync(host, "northwind", "AgencyAdmin"));
        using var calm = host.CreateClient(await Tenancy.IssueKeyAsync(host, "northwind", "AgencyAdmin"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add((await busy.SendAsync(HttpMethod.Get, "/agency")).Status);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) <= 7, $"At most the burst (5) plus refills should pass: {string.Join(",", statuses)}");
        var limited = await busy.SendAsync(HttpMethod.Get, "/agency");
        limited.Problem(HttpStatusCode.TooManyRequests, "rate.limited");
        Assert.True(int.Parse(limited.Response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);

        (await calm.SendAsync(HttpMethod.Get, "/agency")).Ok();
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/health/ready")).StatusCode);
    }
}
