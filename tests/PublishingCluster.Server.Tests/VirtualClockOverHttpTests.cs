using System.Net;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>A node started on a virtual clock (as the simulator runs it), moved by the operator.</summary>
public sealed class VirtualClockOverHttpTests
{
    private static readonly Dictionary<string, string?> StillClock = new()
    {
        ["Node:Clock"] = "virtual",
        ["Node:ClockStart"] = "2027-03-01T09:00:00Z",
        ["Node:ClockSpeed"] = "0",
        ["Networks:TickMilliseconds"] = "20",
    };

    [Fact]
    public async Task Moving_a_virtual_clock_publishes_what_falls_due_and_stamps_requests_with_virtual_time()
    {
        using var folder = new TempFolder();
        await using var host = await ServerHost.StartAsync(folder.File("journal.db"), StillClock);
        var clock = await host.Operator.GetJsonAsync("/admin/clock");
        Assert.Equal(("virtual", 0d), (clock["mode"]!.GetValue<string>(), clock["speed"]!.GetValue<double>()));
        Assert.Equal(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero), clock["now"]!.GetValue<DateTimeOffset>());

        using var admin = await Tenancy.AgencyAdminAsync(host, "clockwork");
        var accountId = (await admin.PostJsonAsync("/accounts", Requests.OpenAccount())).Ok()["accountId"]!.GetValue<string>();
        var channelId = (await admin.PostJsonAsync($"/accounts/{accountId}/channels", Requests.ConnectChannel())).Ok()["channel"]!["channelId"]!.GetValue<string>();
        var postId = (await admin.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost(channelId))).Ok()["postId"]!.GetValue<string>();
        foreach (var step in new[] { "submit", "approve", "client-approve" })
        {
            (await admin.PostJsonAsync($"/accounts/{accountId}/posts/{postId}/{step}", null)).Ok();
        }

        // In the virtual past of the real 2026 but the future of the node's 2027: accepted.
        (await admin.PostJsonAsync($"/accounts/{accountId}/posts/{postId}/schedule", """{ "at": "2027-03-01T10:00:00Z" }""")).Ok();

        var moved = (await host.Operator.PostJsonAsync("/admin/clock", """{ "advanceBy": "01:00:00" }""")).Ok();
        Assert.Equal(new DateTimeOffset(2027, 3, 1, 10, 0, 0, TimeSpan.Zero), moved["now"]!.GetValue<DateTimeOffset>());

        var deadline = DateTime.UtcNow.AddSeconds(20);
        string status;
        do
        {
            await Task.Delay(20);
            status = (await admin.GetJsonAsync($"/accounts/{accountId}/posts/{postId}"))["status"]!.GetValue<string>();
        }
        while (status != "Published" && DateTime.UtcNow < deadline);

        var post = await admin.GetJsonAsync($"/accounts/{accountId}/posts/{postId}");
        Assert.Equal("Published", post["status"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2027, 3, 1, 10, 0, 0, TimeSpan.Zero), post["variants"]![0]!["publishedAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task A_virtual_clock_refuses_to_go_back_or_to_be_told_two_targets()
    {
        using var folder = new TempFolder();
        await using var host = await ServerHost.StartAsync(folder.File("journal.db"), StillClock);

        (await host.Operator.PostJsonAsync("/admin/clock", """{ "to": "2027-02-01T00:00:00Z" }""")).Problem(HttpStatusCode.BadRequest, "clock.backwards", "to");
        (await host.Operator.PostJsonAsync("/admin/clock", """{ "advanceBy": "-01:00:00" }""")).Problem(HttpStatusCode.BadRequest, "clock.backwards", "advanceBy");
        (await host.Operator.PostJsonAsync("/admin/clock", """{ "advanceBy": "01:00:00", "to": "2027-04-01T00:00:00Z" }""")).Problem(HttpStatusCode.BadRequest, "clock.target-ambiguous", "to");
        (await host.Operator.PostJsonAsync("/admin/clock", """{ "speed": -2 }""")).Problem(HttpStatusCode.BadRequest, "clock.speed-out-of-range", "speed");
        (await host.Operator.PostJsonAsync("/admin/clock", """{ "speed": "fast" }""")).Problem(HttpStatusCode.BadRequest);

        var unchanged = await host.Operator.GetJsonAsync("/admin/clock");
        Assert.Equal(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero), unchanged["now"]!.GetValue<DateTimeOffset>());

        var running = (await host.Operator.PostJsonAsync("/admin/clock", """{ "to": "2027-04-01T00:00:00Z", "speed": 60 }""")).Ok();
        Assert.Equal(60d, running["speed"]!.GetValue<double>());
        Assert.True(running["now"]!.GetValue<DateTimeOffset>() >= new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task The_real_clock_cannot_be_moved()
    {
        using var folder = new TempFolder();
        await using var host = await ServerHost.StartAsync(folder.File("journal.db"));
        var clock = await host.Operator.GetJsonAsync("/admin/clock");
        Assert.Equal("real", clock["mode"]!.GetValue<string>());
        Assert.InRange(clock["now"]!.GetValue<DateTimeOffset>(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));

        (await host.Operator.PostJsonAsync("/admin/clock", """{ "advanceBy": "01:00:00" }""")).Problem(HttpStatusCode.Conflict, "clock.real");
    }

    [Fact]
    public async Task A_bad_clock_setting_stops_the_node_with_a_reason()
    {
        using var folder = new TempFolder();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ServerHost.StartAsync(folder.File("journal.db"), new Dictionary<string, string?> { ["Node:Clock"] = "sundial" }));
        Assert.Contains("sundial", error.ToString());
    }
}
