using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using PublishingCluster.Channels.Simulated;

namespace PublishingCluster.LoadTests.Scenarios;

/// <summary>
/// The servers a scenario runs against: one node (SQLite, the default), or with --nodes several started as one
/// Akka.NET cluster on a shared journal (--provider, --connection-string), seeded by the first. Requests go to
/// the nodes in turn, so every node's HTTP front reaches every account; the simulated networks are one log
/// that all nodes write, as the real networks are one world whichever node sends.
/// </summary>
public sealed class ServerNodes : IAsyncDisposable
{
    private readonly List<ServerUnderTest> _nodes;
    private readonly string? _sharedFolder;

    // On PostgreSQL the nodes keep the networks' log in the journal's database, not in the SQLite file.
    private readonly string? _postgresLog;

    // What the networks' log held before these nodes started: on PostgreSQL the log outlives a scenario, and the
    // scenarios of one run share the database, so a scenario counts only the posts and duplicates of its own.
    private readonly HashSet<string> _publishedBefore = [];
    private readonly long _duplicatesBefore;

    private ServerNodes(List<ServerUnderTest> nodes, string? sharedFolder, string? postgresLog = null)
    {
        _nodes = nodes;
        _sharedFolder = sharedFolder;
        _postgresLog = postgresLog;
        if (postgresLog is not null && nodes.Count > 0)
        {
            using var networks = OpenNetworks();
            _publishedBefore.UnionWith(networks.All().Select(p => p.IdempotencyKey));
            _duplicatesBefore = networks.DuplicateSends;
        }
    }

    public IReadOnlyList<ServerUnderTest> Nodes => _nodes;

    public string NetworksPath => _nodes[0].NetworksPath;

    /// <summary>
    /// Starts <see cref="RunOptions.Nodes"/> nodes with <paramref name="serverArgs"/>, the provider flags and
    /// --server-arg, the first one first (it seeds the cluster), the others once it is ready.
    /// </summary>
    public static async Task<ServerNodes> StartAsync(RunOptions options, IEnumerable<string> serverArgs, CancellationToken cancellationToken)
    {
        string[] args = [.. serverArgs, .. options.ProviderArgs(), .. options.ServerArgs];
        if (options.Nodes == 1)
        {
            return new ServerNodes([await ServerUnderTest.StartAsync(args, cancellationToken)], null, PostgresLogOf(options));
        }

        var shared = Directory.CreateTempSubdirectory("publishingcluster-nodes-").FullName;
        var networks = Path.Combine(shared, "networks.db");
        var ports = Enumerable.Range(0, options.Nodes).Select(_ => ServerUnderTest.FreeLoopbackPort()).ToArray();
        var seed = $"akka.tcp://PublishingCluster@127.0.0.1:{ports[0]}";
        var nodes = new List<ServerUnderTest>();
        try
        {
            foreach (var port in ports)
            {
                nodes.Add(await ServerUnderTest.StartAsync([.. args, "--node-port", $"{port}", "--seed-nodes", seed], cancellationToken, networks));
                Console.WriteLine($"  node {nodes.Count} of {options.Nodes} ready at {nodes[^1].BaseAddress} (pid {nodes[^1].ProcessId})");
            }
        }
        catch
        {
            await new ServerNodes(nodes, shared).DisposeAsync();
            throw;
        }

        return new ServerNodes(nodes, shared, PostgresLogOf(options));
    }

    /// <summary>The API as <paramref name="token"/>'s bearer, each request to the next node in turn.</summary>
    public HttpClient Api(string token, TimeSpan timeout)
    {
        var api = new HttpClient(new RoundRobin(_nodes.Select(n => n.BaseAddress).ToArray())
        {
            InnerHandler = new SocketsHttpHandler
            {
                // One connection per concurrent client, kept for the whole run: connection set-up is not what is measured.
                MaxConnectionsPerServer = int.MaxValue,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                UseProxy = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
            },
        })
        {
            BaseAddress = _nodes[0].BaseAddress,
            Timeout = timeout,
        };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return api;
    }

    /// <summary>Moves every node's virtual clock (each node keeps its own) to <paramref name="to"/> at <paramref name="speed"/>.</summary>
    public async Task MoveClocksAsync(DateTimeOffset to, double speed, CancellationToken cancellationToken)
    {
        foreach (var node in _nodes)
        {
            using var admin = new HttpClient { BaseAddress = node.AdminAddress, Timeout = TimeSpan.FromSeconds(30) };
            (await admin.PostAsJsonAsync("/admin/clock", new { to, speed }, cancellationToken)).EnsureSuccessStatusCode();
        }
    }

    /// <summary>The first node's virtual time now.</summary>
    public async Task<DateTimeOffset> ClockAsync(CancellationToken cancellationToken)
    {
        using var admin = new HttpClient { BaseAddress = _nodes[0].AdminAddress, Timeout = TimeSpan.FromSeconds(30) };
        var clock = await admin.GetFromJsonAsync<ClockReading>("/admin/clock", cancellationToken);
        return clock?.Now ?? throw new InvalidOperationException("The clock route answered nothing.");
    }

    /// <summary>CPU time all nodes have used so far.</summary>
    public TimeSpan CpuTime() => _nodes.Aggregate(TimeSpan.Zero, (sum, node) => sum + node.CpuTime());

    /// <summary>Posts on the simulated networks so far, since these nodes started.</summary>
    public int Published()
    {
        using var networks = OpenNetworks();
        return networks.Count() - _publishedBefore.Count;
    }

    /// <summary>Every post on the simulated networks since these nodes started, and how many publish calls arrived meanwhile for a key already published.</summary>
    public (IReadOnlyList<Publication> Publications, long DuplicateSends) Publications()
    {
        using var networks = OpenNetworks();
        return ([.. networks.All().Where(p => !_publishedBefore.Contains(p.IdempotencyKey))], networks.DuplicateSends - _duplicatesBefore);
    }

    private static string? PostgresLogOf(RunOptions options) => options.Provider == "postgres" ? options.ConnectionString : null;

    /// <summary>The simulated networks' log the nodes write: PostgreSQL's tables on that provider, else the shared SQLite file.</summary>
    private NetworksLog OpenNetworks() => _postgresLog is { } connection
        ? new NetworksLog(new PostgresPublicationLog(connection))
        : new NetworksLog(new SqlitePublicationLog(NetworksPath));

    /// <summary>Either log, read through what the scenarios need, and closed after.</summary>
    private sealed class NetworksLog(IPublicationLog log) : IDisposable
    {
        public int Count() => log.Count();

        public IReadOnlyList<Publication> All() => log.All();

        public long DuplicateSends => log.DuplicateSends;

        public void Dispose() => (log as IDisposable)?.Dispose();
    }

    /// <summary>What the nodes wrote last, each under its address, for a report that must say why a run fell short.</summary>
    public string Output => string.Join(Environment.NewLine, _nodes.Select(n => $"--- node {n.BaseAddress} ---{Environment.NewLine}{n.Output}"));

    public async ValueTask DisposeAsync()
    {
        // The seed last, so the others do not spend their last moments looking for it.
        for (var i = _nodes.Count - 1; i >= 0; i--)
        {
            await _nodes[i].DisposeAsync();
        }

        if (_sharedFolder is not null)
        {
            try
            {
                Directory.Delete(_sharedFolder, recursive: true);
            }
            catch (IOException)
            {
                // Under the temp directory anyway.
            }
        }
    }

    private sealed record ClockReading(string Mode, DateTimeOffset Now, double Speed);

    /// <summary>Sends each request to the next node: the same path on another node's HTTP front.</summary>
    private sealed class RoundRobin(Uri[] nodes) : DelegatingHandler
    {
        private long _next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (nodes.Length > 1 && request.RequestUri is { } uri)
            {
                var node = nodes[(int)(Interlocked.Increment(ref _next) % nodes.Length)];
                request.RequestUri = new UriBuilder(uri) { Host = node.Host, Port = node.Port }.Uri;
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
