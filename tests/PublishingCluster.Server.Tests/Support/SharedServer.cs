namespace PublishingCluster.Server.Tests.Support;

/// <summary>One server per test class; every test opens its own accounts, so tests stay independent.</summary>
public sealed class SharedServer : IAsyncLifetime
{
    public const string AgencyId = "agency-a";
    public const string OtherAgencyId = "agency-b";

    private readonly TempFolder _folder = new();
    private ServerHost? _host;
    private HttpClient? _admin;
    private HttpClient? _otherAdmin;

    public ServerHost Host => _host ?? throw new InvalidOperationException("Not started.");

    /// <summary>Agency A's admin: the client most tests act as.</summary>
    public HttpClient Client => _admin ?? throw new InvalidOperationException("Not started.");

    /// <summary>Agency B's admin, for what one tenant must not see of another.</summary>
    public HttpClient OtherAgency => _otherAdmin ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _host = await ServerHost.StartAsync(_folder.File("journal.db"));
        _admin = await Tenancy.AgencyAdminAsync(_host, AgencyId);
        _otherAdmin = await Tenancy.AgencyAdminAsync(_host, OtherAgencyId);
    }

    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        _otherAdmin?.Dispose();
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
