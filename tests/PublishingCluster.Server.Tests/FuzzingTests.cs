using System.Net;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// A bounded fuzzing pass over every route that takes a JSON body: mutated bodies get a 4xx, never a 5xx, and a
/// refused one leaves the account exactly as it was.
/// </summary>
public sealed class FuzzingTests(TenantWorld world) : IClassFixture<TenantWorld>
{
    private const int CasesPerRoute = 40;

    [Fact]
    public async Task Mutated_bodies_on_every_route_are_4xx_never_5xx_and_change_nothing()
    {
        var admin = world.Callers["agency-admin"];
        var failures = new List<string>();
        var refused = 0;
        var routes = RouteTable.Of(world.Host).Where(r => r.Method is "POST" or "PUT").ToList();
        foreach (var route in routes)
        {
            var fuzzer = new JsonFuzzer(route.Key.Length * 7919);
            var client = route.Permission == Security.Permission.Operate ? world.Host.Operator : admin;
            for (var i = 0; i < CasesPerRoute; i++)
            {
                var sample = await SampleRequests.ForAsync(route, world, world.A1);
                if (sample.Body is null)
                {
                    break;
                }

                var before = await world.A1.VersionAsync();
                var body = fuzzer.Mutate(sample.Body);
                var (status, answer, _) = await client.SendAsync(new HttpMethod(route.Method), sample.Path, body);
                if ((int)status >= 500)
                {
                    failures.Add($"{route}: {(int)status} for body {Shorten(body)}: {answer?.ToJsonString()}");
                }
                else if ((int)status >= 400)
                {
                    refused++;
                    var after = await world.A1.VersionAsync();
                    if (after != before)
                    {
                        failures.Add($"{route}: refused with {(int)status} but the account moved from version {before} to {after}; body {Shorten(body)}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(refused > routes.Count * CasesPerRoute / 2, $"Only {refused} mutations were refused; the fuzzer is not mutating enough.");
    }

    private static string Shorten(string body) => body.Length <= 200 ? body : body[..200] + $"... ({body.Length} chars)";
}
