using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace PublishingCluster.LoadTests.Scenarios;

/// <summary>
/// Scenarios against a real server process over HTTP on loopback, with an agency admin key, on accounts opened
/// in set-up: <c>accepted-commands</c> creates posts (each a persisted event plus its audit entry, answered only
/// once durable) and <c>account-reads</c> reads accounts (the same HTTP, auth and routing cost, no journal write),
/// to tell the cost of the request path from the cost of persisting.
/// </summary>
public sealed class HttpApiScenarios
{
    private readonly RunOptions _options;
    private ServerNodes? _server;
    private HttpClient? _api;
    private IReadOnlyList<LoadAccount> _accounts = [];
    private byte[][] _postBodies = [];
    private long _next;

    private HttpApiScenarios(RunOptions options) => _options = options;

    public static Scenario AcceptedCommands(RunOptions options)
    {
        var fixture = new HttpApiScenarios(options);
        return fixture.Build("accepted-commands", "POST /accounts/{id}/posts", fixture.CreatePostAsync);
    }

    public static Scenario AccountReads(RunOptions options)
    {
        var fixture = new HttpApiScenarios(options);
        return fixture.Build("account-reads", "GET /accounts/{id}", fixture.ReadAccountAsync);
    }

    private Scenario Build(string name, string stepName, Func<CancellationToken, Task<StepOutcome>> step) =>
        new(name, stepName, step)
        {
            Init = InitAsync,
            Clean = CleanAsync,
            WarmUp = new LoadSimulation.KeepConstant(_options.Concurrency.Max(), _options.WarmUp),
            Simulations = _options.Simulations(),
            ServerCpuTime = () => _server?.CpuTime() ?? TimeSpan.Zero,
            Thresholds = _options.Thresholds(Threshold.ErrorRate(stepName, 1), Threshold.P99(stepName, TimeSpan.FromSeconds(2))),
        };

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        // A limit far above what the machine can serve, so the per-key limiter never answers 429 here.
        _server = await ServerNodes.StartAsync(_options, ["--rate-limit", "10000000", "--rate-burst", "10000000", "--snapshot-every", $"{_options.SnapshotEvery}", "--hocon", _options.HoconFolder()], cancellationToken);
        Console.WriteLine($"  server pid {_server.Nodes[0].ProcessId} at {_server.Nodes[0].BaseAddress}");
        var token = await AgencyFixture.RegisterAgencyWithAdminKeyAsync(_server.Nodes[0], cancellationToken);
        _api = _server.Api(token, TimeSpan.FromSeconds(30));
        _accounts = await AgencyFixture.OpenAccountsAsync(_api, _options.AccountsOr(200), cancellationToken);
        // Bodies are encoded once: the client's own cost per request should be as small as it can be.
        _postBodies = [.. _accounts.Select(a => Encoding.UTF8.GetBytes(AgencyFixture.CreatePostBody(a.ChannelId)))];
        Console.WriteLine($"  {_accounts.Count} accounts open");
    }

    private async Task<StepOutcome> CreatePostAsync(CancellationToken cancellationToken)
    {
        var i = (int)(Interlocked.Increment(ref _next) % _accounts.Count);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_accounts[i].AccountPath}/posts")
        {
            Content = new ByteArrayContent(_postBodies[i]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        // A fresh key per request: every request creates a post, none is answered as a repeat.
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await _api!.SendAsync(request, cancellationToken);
        return response.StatusCode == HttpStatusCode.Created ? StepOutcome.Success : StepOutcome.Fail($"HTTP {(int)response.StatusCode}");
    }

    private async Task<StepOutcome> ReadAccountAsync(CancellationToken cancellationToken)
    {
        var i = (int)(Interlocked.Increment(ref _next) % _accounts.Count);
        using var response = await _api!.GetAsync(_accounts[i].AccountPath, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? StepOutcome.Success : StepOutcome.Fail($"HTTP {(int)response.StatusCode}");
    }

    private async Task CleanAsync()
    {
        _api?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
