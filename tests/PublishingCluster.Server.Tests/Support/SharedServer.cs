namespace PublishingCluster.Server.Tests.Support;

/// <summary>One server per test class; every test opens its own accounts, so tests stay independent.</summary>
public sealed class SharedServer : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private ServerHost? _host;

    public HttpClient Client => (_host ?? throw new InvalidOperationException("Not started.")).Client;

    public async Task InitializeAsync() => _host = await ServerHost.StartAsync(_folder.File("journal.db"));

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _folder.Dispose();
    }

    /// <summary>Opens an account with a LinkedIn channel; returns their ids.</summary>
    public async Task<(string AccountId, string ChannelId)> OpenAccountWithChannelAsync(string network = "LinkedIn")
    {
        var account = (await Client.PostJsonAsync("/accounts", Requests.OpenAccount())).Ok();
        var accountId = account["accountId"]!.GetValue<string>();
        var channel = (await Client.PostJsonAsync($"/accounts/{accountId}/channels", Requests.ConnectChannel(network))).Ok();
        return (accountId, channel["channel"]!["channelId"]!.GetValue<string>());
    }

    public async Task<string> CreatePostAsync(string accountId, string channelId)
    {
        var post = (await Client.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost(channelId))).Ok();
        return post["postId"]!.GetValue<string>();
    }

    public async Task<long> VersionOfAsync(string accountId) =>
        (await Client.GetJsonAsync($"/accounts/{accountId}"))["version"]!.GetValue<long>();
}
