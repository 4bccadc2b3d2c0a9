using System.Globalization;
using System.Text.Json.Nodes;
using PublishingCluster.Channels.Simulated;

namespace PublishingCluster.Server.Tests.Support;

/// <summary>
/// Several server processes in one Akka.NET cluster on loopback, sharing a fresh PostgreSQL database for their journal
/// and their simulated networks' log. The first two nodes are the seeds; the first forms the cluster.
/// </summary>
public sealed class NodeCluster : IAsyncDisposable
{
    /// <summary>
    /// The split-brain resolver's wait in these tests: longer than the shipped 3 s (hocon/akka.hocon), so that a node
    /// slowed by the busy machine that runs them is not taken for lost, and short enough that a lost node is downed
    /// well within the tests' time.
    /// </summary>
    public const string StableAfterSeconds = "5";

    private readonly List<ServerProcess> _nodes;

    private NodeCluster(string connectionString, List<ServerProcess> nodes, IReadOnlyList<string> addresses, IReadOnlyList<int> ports)
    {
        ConnectionString = connectionString;
        _nodes = nodes;
        Addresses = addresses;
        RemotingPorts = ports;
    }

    public string ConnectionString { get; }

    public IReadOnlyList<ServerProcess> Nodes => _nodes;

    /// <summary>Each node's Akka address, in the order of <see cref="Nodes"/>.</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>Each node's remoting port, in the order of <see cref="Nodes"/>.</summary>
    public IReadOnlyList<int> RemotingPorts { get; }

    public static Task<NodeCluster> StartAsync(PostgresServer postgres, int size, params string[] extraArgs) =>
        StartAsync(postgres, size, ownUserNode: null, extraArgs);

    /// <param name="ownUserNode">The node (not one of the two seeds) run as its own user, to be cut off by <see cref="LoopbackPartition"/>.</param>
    public static async Task<NodeCluster> StartAsync(PostgresServer postgres, int size, int? ownUserNode, params string[] extraArgs)
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var ports = Enumerable.Range(0, size).Select(_ => ServerProcess.FreeLoopbackPort()).ToList();
        var addresses = ports.Select(p => $"akka.tcp://PublishingCluster@127.0.0.1:{p}").ToList();
        var seeds = string.Join(',', addresses.Take(2));
        string[] ArgsFor(int node) =>
            ["--node-port", ports[node].ToString(CultureInfo.InvariantCulture), "--seed-nodes", seeds, "--stable-after", StableAfterSeconds, .. extraArgs];

        var nodes = new List<ServerProcess>();
        try
        {
            nodes.Add(await ServerProcess.StartOnPostgresAsync(connectionString, ArgsFor(0)));
            var others = Enumerable.Range(1, size - 1)
                .Select(n => n == ownUserNode
                    ? ServerProcess.StartOnPostgresAsOwnUserAsync(connectionString, ArgsFor(n))
                    : ServerProcess.StartOnPostgresAsync(connectionString, ArgsFor(n)))
                .ToList();
            try
            {
                await Task.WhenAll(others);
            }
            finally
            {
                nodes.AddRange(others.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }

            var cluster = new NodeCluster(connectionString, nodes, addresses, ports);
            await cluster.WaitForMembersAsync(cluster.Nodes[0], addresses, TimeSpan.FromSeconds(60));
            return cluster;
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>The simulated networks' log the nodes share, read from the database as another process would.</summary>
    public PostgresPublicationLog Networks() => new(ConnectionString);

    public static HttpClient OperatorOn(ServerProcess node) => new() { BaseAddress = node.AdminAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The node holding the account's shard, as <paramref name="askedNode"/> sees it (null: none holds it).</summary>
    public static async Task<string?> LocateAsync(ServerProcess askedNode, string accountId)
    {
        using var operatorClient = OperatorOn(askedNode);
        var location = await operatorClient.GetJsonAsync($"/admin/cluster/accounts/{accountId}/location");
        return location["node"]?.GetValue<string>();
    }

    /// <summary>Waits until <paramref name="askedNode"/> sees exactly <paramref name="expected"/> as Up and reachable members.</summary>
    public async Task<JsonNode> WaitForMembersAsync(ServerProcess askedNode, IEnumerable<string> expected, TimeSpan timeout)
    {
        var want = expected.Order(StringComparer.Ordinal).ToList();
        using var operatorClient = OperatorOn(askedNode);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var state = await operatorClient.GetJsonAsync("/admin/cluster");
            var up = state["members"]!.AsArray()
                .Where(m => m!["status"]!.GetValue<string>() == "Up" && m["reachable"]!.GetValue<bool>())
                .Select(m => m!["address"]!.GetValue<string>())
                .Order(StringComparer.Ordinal)
                .ToList();
            if (up.SequenceEqual(want) && state["members"]!.AsArray().Count == want.Count)
            {
                return state;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Members {string.Join(", ", want)} expected; the node sees {state.ToJsonString()}");
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}
