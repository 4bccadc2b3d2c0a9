using System.Net;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// A bounded fuzzing pass over every route that changes something: mutated bodies (and, on routes that take none, any
/// body at all) get a 4xx problem that names no type of the server, never a 5xx; a refused one leaves the account
/// exactly as it was, and no actor fails on the way (an account that throws restarts, and its caller waits 30 s).
/// </summary>
public sealed class FuzzingTests(TenantWorld world) : IClassFixture<TenantWorld>
{
    private const int CasesPerRoute = 40;

    [Fact]
    public async Task Mutated_bodies_on_every_route_are_4xx_never_5xx_and_change_nothing()
    {
        using var watch = new ActorFailureWatch(world.Host);
        await watch.SelfCheckAsync();
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
                var before = await world.A1.VersionAsync();
                // A route that takes no body is sent one all the same: it must refuse it, whatever it holds.
                var body = fuzzer.Mutate(sample.Body ?? """{ "note": "a body where none belongs", "items": [1, 2] }""");
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

                    if (NamedType(answer) is { } named)
                    {
                        failures.Add($"{route}: the {(int)status} names an internal type ({named}): {Shorten(answer!.ToJsonString())}");
                    }
                }
                else if (sample.Body is null && body.Length > 0)
                {
                    failures.Add($"{route}: takes no body but accepted one with {(int)status}: {Shorten(body)}");
                }
            }
        }

        failures.AddRange(watch.Failures.Select(f => $"an actor failed: {f}"));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(refused > routes.Count * CasesPerRoute / 2, $"Only {refused} mutations were refused; the fuzzer is not mutating enough.");
    }

    private static string? NamedType(System.Text.Json.Nodes.JsonNode? problem) =>
        problem?.ToJsonString() is { } text
            ? new[] { "PublishingCluster.", "System.", "Immutable", "`1" }.FirstOrDefault(word => text.Contains(word, StringComparison.Ordinal))
            : null;

    private static string Shorten(string body) => body.Length <= 200 ? body : body[..200] + $"... ({body.Length} chars)";
}
