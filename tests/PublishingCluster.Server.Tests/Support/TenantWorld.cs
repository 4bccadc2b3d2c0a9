namespace PublishingCluster.Server.Tests.Support;

/// <summary>
/// Two agencies on one server: agency A with an admin, a manager assigned to account A1 and the client reviewer
/// of A1; agency B with an admin and account B1. Each account has a channel and a post.
/// </summary>
public sealed class TenantWorld : IAsyncLifetime
{
    public const string AgencyA = "agency-a";
    public const string AgencyB = "agency-b";

    private readonly TempFolder _folder = new();
    private ServerHost? _host;

    public ServerHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public Dictionary<string, HttpClient> Callers { get; } = [];

    public AccountFixture A1 { get; private set; } = null!;

    public AccountFixture B1 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _host = await ServerHost.StartAsync(_folder.File("journal.db"));
        var adminA = await Tenancy.AgencyAdminAsync(_host, AgencyA);
        var adminB = await Tenancy.AgencyAdminAsync(_host, AgencyB);
        A1 = await AccountFixture.CreateAsync(adminA, AgencyA);
        B1 = await AccountFixture.CreateAsync(adminB, AgencyB);

        Callers["anonymous"] = _host.CreateClient(null);
        Callers["bad-key"] = _host.CreateClient("pck.agency-a.key_0000000000000000.not-the-secret-at-all-000");
        Callers["operator"] = _host.Operator;
        Callers["agency-admin"] = adminA;
        Callers["account-manager"] = _host.CreateClient(await Tenancy.IssueKeyAsync(_host, AgencyA, "AccountManager", A1.AccountId));
        Callers["client-reviewer"] = _host.CreateClient(await Tenancy.IssueKeyAsync(_host, AgencyA, "ClientReviewer", A1.AccountId));
        Callers["other-agency-admin"] = adminB;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in Callers.Values.Where(c => c != _host?.Operator))
        {
            client.Dispose();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _folder.Dispose();
    }
}

/// <summary>An account with one LinkedIn channel and one draft post, made by its agency's admin.</summary>
public sealed record AccountFixture(string AgencyId, string AccountId, string ChannelId, string PostId, HttpClient Admin)
{
    public static async Task<AccountFixture> CreateAsync(HttpClient admin, string agencyId)
    {
        var accountId = (await admin.PostJsonAsync("/accounts", Requests.OpenAccount())).Ok()["accountId"]!.GetValue<string>();
        var channelId = (await admin.PostJsonAsync($"/accounts/{accountId}/channels", Requests.ConnectChannel())).Ok()["channel"]!["channelId"]!.GetValue<string>();
        var postId = (await admin.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost(channelId))).Ok()["postId"]!.GetValue<string>();
        return new AccountFixture(agencyId, accountId, channelId, postId, admin);
    }

    /// <summary>A fresh draft post, for a test that moves one through its lifecycle.</summary>
    public async Task<string> NewPostAsync() =>
        (await Admin.PostJsonAsync($"/accounts/{AccountId}/posts", Requests.CreatePost(ChannelId))).Ok()["postId"]!.GetValue<string>();

    public async Task<long> VersionAsync() => (await Admin.GetJsonAsync($"/accounts/{AccountId}"))["version"]!.GetValue<long>();
}
