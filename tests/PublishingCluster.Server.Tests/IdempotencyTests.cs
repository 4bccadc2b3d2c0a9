using System.Net;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>A create request repeated under the same Idempotency-Key creates nothing twice.</summary>
public sealed class IdempotencyTests(SharedServer server) : IClassFixture<SharedServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Opening_an_account_twice_with_the_same_key_returns_the_same_account_once()
    {
        var key = Guid.NewGuid().ToString();
        var first = (await Client.PostJsonAsync("/accounts", Requests.OpenAccount(), key)).Ok();
        var second = await Client.PostJsonAsync("/accounts", Requests.OpenAccount(), key);

        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal(first["accountId"]!.GetValue<string>(), second.Body!["accountId"]!.GetValue<string>());
        Assert.Equal(1, second.Body["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Creating_a_post_twice_with_the_same_key_creates_one_post()
    {
        var (accountId, channelId) = await server.OpenAccountWithChannelAsync();
        var key = Guid.NewGuid().ToString();
        var before = await server.VersionOfAsync(accountId);

        var first = (await Client.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost(channelId), key)).Ok();
        var second = (await Client.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost(channelId), key)).Ok();

        Assert.Equal(first["postId"]!.GetValue<string>(), second["postId"]!.GetValue<string>());
        Assert.Equal(before + 1, await server.VersionOfAsync(accountId));
        var summary = await Client.GetJsonAsync($"/accounts/{accountId}");
        Assert.Equal(1, summary["postsByStatus"]!["Draft"]!.GetValue<int>());
    }

    [Fact]
    public async Task Connecting_a_channel_twice_with_the_same_key_connects_it_once()
    {
        var account = (await Client.PostJsonAsync("/accounts", Requests.OpenAccount())).Ok();
        var accountId = account["accountId"]!.GetValue<string>();
        var key = Guid.NewGuid().ToString();

        var first = (await Client.PostJsonAsync($"/accounts/{accountId}/channels", Requests.ConnectChannel(), key)).Ok();
        var second = (await Client.PostJsonAsync($"/accounts/{accountId}/channels", Requests.ConnectChannel(), key)).Ok();

        Assert.Equal(first["channel"]!["channelId"]!.GetValue<string>(), second["channel"]!["channelId"]!.GetValue<string>());
        Assert.Single((await Client.GetJsonAsync($"/accounts/{accountId}"))["channels"]!.AsArray());
    }

    [Fact]
    public async Task Concurrent_repeats_of_one_request_create_one_post()
    {
        var (accountId, channelId) = await server.OpenAccountWithChannelAsync();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Client.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost(channelId), key)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Single(answers.Select(a => a.Body!["postId"]!.GetValue<string>()).Distinct());
        Assert.Equal(1, (await Client.GetJsonAsync($"/accounts/{accountId}"))["postsByStatus"]!["Draft"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_a_422_and_creates_nothing()
    {
        var (accountId, channelId) = await server.OpenAccountWithChannelAsync();
        var key = Guid.NewGuid().ToString();
        (await Client.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost(channelId), key)).Ok();
        var before = await server.VersionOfAsync(accountId);

        (await Client.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost(channelId, "Something else entirely."), key))
            .Problem(HttpStatusCode.UnprocessableEntity, "idempotency.key-reused", "Idempotency-Key");

        Assert.Equal(before, await server.VersionOfAsync(accountId));
    }

    [Fact]
    public async Task A_malformed_key_is_a_400()
    {
        (await Client.PostJsonAsync("/accounts", Requests.OpenAccount(), new string('k', 300)))
            .Problem(HttpStatusCode.BadRequest, "idempotency.key-invalid", "Idempotency-Key");
    }
}
