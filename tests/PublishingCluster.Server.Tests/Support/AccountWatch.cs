using System.Text.Json.Nodes;

namespace PublishingCluster.Server.Tests.Support;

/// <summary>
/// Bounded waits for what a node does on its own clock: an escalation raised or climbed on an account, the agency's
/// escalation list (read from the journal by tag, so it catches up with the writes within moments), any condition.
/// </summary>
public static class AccountWatch
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>Waits until the account lists <paramref name="escalationId"/> in a state <paramref name="matches"/> accepts.</summary>
    public static async Task<JsonNode> EscalationAsync(HttpClient client, string accountId, string escalationId, Func<JsonNode, bool> matches)
    {
        JsonNode? found = null;
        await UntilAsync(async () =>
        {
            var list = (await client.GetJsonAsync($"/accounts/{accountId}/escalations"))["escalations"]!.AsArray();
            found = list.FirstOrDefault(e => e!["escalationId"]!.GetValue<string>() == escalationId && matches(e));
            return found is not null;
        });
        return found!;
    }

    /// <summary>Waits until the agency's escalation list with <paramref name="query"/> satisfies <paramref name="done"/>.</summary>
    public static async Task<JsonArray> AgencyEscalationsAsync(HttpClient client, string query, Func<JsonArray, bool> done)
    {
        JsonArray list = [];
        await UntilAsync(async () =>
        {
            list = (await client.GetJsonAsync($"/agency/escalations{query}"))["escalations"]!.AsArray();
            return done(list);
        });
        return list;
    }

    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The node did not get there within {Limit.TotalSeconds:0} s.");
            await Task.Delay(20);
        }
    }
}
