using System.Globalization;

namespace PublishingCluster.LoadTests.Scenarios;

/// <summary>
/// What the agency-scale scenarios share: the server nodes on a virtual clock held still at <c>clockStart</c>, an
/// agency with its admin key, and its accounts opened over HTTP (an X channel each). Disposing stops the nodes.
/// </summary>
public sealed class AgencyUnderLoad : IAsyncDisposable
{
    private AgencyUnderLoad(ServerNodes nodes, HttpClient api, IReadOnlyList<LoadAccount> accounts, TimeSpan setUp)
    {
        Nodes = nodes;
        Api = api;
        Accounts = accounts;
        SetUp = setUp;
    }

    public ServerNodes Nodes { get; }

    /// <summary>The agency admin's API client, each request to the next node in turn.</summary>
    public HttpClient Api { get; }

    public IReadOnlyList<LoadAccount> Accounts { get; }

    /// <summary>How long opening the accounts took.</summary>
    public TimeSpan SetUp { get; }

    public static async Task<AgencyUnderLoad> StartAsync(
        RunOptions options, int accounts, DateTimeOffset clockStart, IEnumerable<string> serverArgs, CancellationToken cancellationToken)
    {
        var nodes = await ServerNodes.StartAsync(
            options,
            [
                "--clock", "virtual", "--clock-start", clockStart.ToString("O", CultureInfo.InvariantCulture), "--clock-speed", "0",
                // A limit far above what the machine can serve, so the per-key limiter never answers 429 here.
                "--rate-limit", "10000000", "--rate-burst", "10000000",
                .. serverArgs,
            ],
            cancellationToken);
        try
        {
            Console.WriteLine($"  {options.Nodes} node(s) ready; opening {accounts} accounts ...");
            var token = await AgencyFixture.RegisterAgencyWithAdminKeyAsync(nodes.Nodes[0].AdminAddress, cancellationToken);
            var api = nodes.Api(token, TimeSpan.FromSeconds(60));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var opened = await AgencyFixture.OpenAccountsAsync(api, accounts, cancellationToken, parallelism: 32);
            Console.WriteLine($"  {opened.Count} accounts open in {clock.Elapsed.TotalSeconds:0} s");
            return new AgencyUnderLoad(nodes, api, opened, clock.Elapsed);
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }
    }

    /// <summary>The account id in an account's path (/accounts/{id}).</summary>
    public static string IdOf(LoadAccount account) => account.AccountPath[(account.AccountPath.LastIndexOf('/') + 1)..];

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Nodes.DisposeAsync();
    }
}
