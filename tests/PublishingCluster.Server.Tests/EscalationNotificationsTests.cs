using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// Escalations reach the agency's webhook: raised and each rung climbed, once each, in order, through a receiver
/// that fails at first; an acknowledged escalation sends nothing more.
/// </summary>
public sealed class EscalationNotificationsTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_SLA_breach_and_its_climb_are_delivered_to_the_webhook_once_each_through_failures()
    {
        using var folder = new TempFolder();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Refusals = 2;
        var clock = new FakeTimeProvider(Start);
        await using var host = await ServerHost.StartAsync(folder.File("journal.db"), new Dictionary<string, string?>
        {
            ["Networks:TickMilliseconds"] = "20",
            ["Notifications:WebhookUrl"] = receiver.Url.ToString(),
            ["Notifications:PollMilliseconds"] = "50",
            ["Notifications:FirstRetryMilliseconds"] = "50",
        }, clock);
        using var admin = await Tenancy.AgencyAdminAsync(host, "hooked-agency");
        var request = JsonNode.Parse(Requests.OpenAccount("Hooked Client"))!;
        request["contract"]!["roles"]!["agencyLead"] = "Linus Lead";
        request["contract"]!["escalation"] = new JsonObject { ["accountManagerMinutes"] = 60, ["agencyLeadMinutes"] = 120, ["reportAcknowledgementDays"] = 2 };
        var accountId = (await admin.PostJsonAsync("/accounts", request.ToJsonString())).Ok()["accountId"]!.GetValue<string>();
        var channelId = (await admin.PostJsonAsync($"/accounts/{accountId}/channels", Requests.ConnectChannel())).Ok()["channel"]!["channelId"]!.GetValue<string>();
        (await admin.PostJsonAsync($"/accounts/{accountId}/engagements", new JsonObject
        {
            ["engagementId"] = "e-1",
            ["channelId"] = channelId,
            ["kind"] = "Comment",
            ["author"] = "@angry",
            ["text"] = "Terrible service, I want a refund",
            ["receivedAt"] = Start.ToString("O"),
        }.ToJsonString())).Ok();

        clock.SetUtcNow(Start.AddMinutes(30)); // the negative engagement's 30 business minutes are up
        await WaitForAsync(() => receiver.Accepted.Count >= 1);
        clock.SetUtcNow(Start.AddMinutes(90)); // an hour at the first rung: it climbs
        await WaitForAsync(() => receiver.Accepted.Count >= 2);
        (await admin.PostJsonAsync($"/accounts/{accountId}/escalations/sla-breach-e-1/acknowledge", null)).Ok();
        clock.SetUtcNow(Start.AddDays(1)); // long past the next rung: acknowledged, so no climb and no notification
        await Task.Delay(1000);

        var accepted = receiver.Accepted.ToList();
        Assert.Equal(2, accepted.Count);
        Assert.Equal([$"{accountId}/sla-breach-e-1/AccountManager", $"{accountId}/sla-breach-e-1/AgencyLead"], accepted.Select(a => a.Key));
        Assert.Equal(["EscalationRaised", "EscalationClimbed"], accepted.Select(a => a.Body["kind"]!.GetValue<string>()));
        Assert.All(accepted, a => Assert.Equal("hooked-agency", a.Body["agencyId"]!.GetValue<string>()));
        Assert.Contains("SlaBreach", accepted[0].Body["message"]!.GetValue<string>());
        Assert.True(receiver.Calls >= 4, $"The receiver refused twice, so at least 4 calls were made, not {receiver.Calls}.");
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The webhook was not called within 20 s.");
            await Task.Delay(20);
        }
    }
}
