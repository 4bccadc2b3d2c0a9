namespace PublishingCluster.Server.Hosting;

/// <summary>
/// Where this node lives and where it keeps its data. Bound from the "Node" configuration section, which
/// command-line flags (<see cref="SwitchMappings"/>) and PUBLISHINGCLUSTER_-prefixed environment variables fill.
/// </summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>The host name other nodes reach this one by (akka.remote public host name).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Akka remoting port; 0 picks a free one (a single node needs no fixed port).</summary>
    public int Port { get; set; } = 4053;

    /// <summary>The HTTP API's URL when neither --urls nor ASPNETCORE_URLS gives one.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>
    /// Akka addresses of the cluster's seed nodes, comma-separated (akka.tcp://PublishingCluster@host:port).
    /// Empty: the node is a cluster of its own and joins itself.
    /// </summary>
    public string SeedNodes { get; set; } = string.Empty;

    /// <summary>The persistence provider: "sqlite" (the embedded default) or "postgres" (a cluster of nodes).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>
    /// The PostgreSQL connection string (Npgsql form: Host=...;Port=...;Database=...;Username=...), required by
    /// the "postgres" provider; the database must exist, its tables are created on first start.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The SQLite file; its folder is created on first start.</summary>
    public string Database { get; set; } = "data/publishingcluster.db";

    /// <summary>Number of account shards: about ten times the largest node count, never changed while data exists.</summary>
    public int Shards { get; set; } = 100;

    /// <summary>
    /// Seconds the split-brain resolver waits for the cluster to be stable before it downs unreachable nodes;
    /// unset: the value in hocon/akka.hocon. Shorter recovers sooner from a lost node, and risks downing a node
    /// that was only paused.
    /// </summary>
    public double? StableAfterSeconds { get; set; }

    /// <summary>
    /// What the node writes for messages to other nodes: "protocol" (the cluster protocol serializer) or "json"
    /// (Akka's default JSON, for a rolling upgrade from a build before that serializer); it reads both.
    /// </summary>
    public string WireFormat { get; set; } = "protocol";

    /// <summary>Save an account snapshot every this many events.</summary>
    public int SnapshotEvery { get; set; } = 200;

    /// <summary>
    /// The operator's bearer token. When set, it is required for operator routes, which then also answer on the
    /// public listener; when unset, operator routes answer only on the admin listener, to loopback callers.
    /// </summary>
    public string? OperatorToken { get; set; }

    /// <summary>The admin listener; loopback unless an operator token is configured (the server refuses otherwise).</summary>
    public string AdminUrls { get; set; } = "http://127.0.0.1:5081";

    /// <summary>Requests per second each API key (or, unauthenticated, each client address) may make on average.</summary>
    public int RateLimitPerSecond { get; set; } = 500;

    /// <summary>How many requests a key may make in a burst above its average.</summary>
    public int RateLimitBurst { get; set; } = 1000;

    /// <summary>
    /// Failed authentications one client address may make in a burst; the allowance comes back one failure at a
    /// time over <see cref="AuthFailureWindowSeconds"/>. Past it, every request of the address that carries a key
    /// is refused with 429 before the key is looked at.
    /// </summary>
    public int AuthFailureLimit { get; set; } = 20;

    /// <summary>Seconds over which a client address's whole allowance of failed authentications comes back.</summary>
    public double AuthFailureWindowSeconds { get; set; } = 60;

    /// <summary>"real" (the wall clock) or "virtual" (see <see cref="NodeClock"/>).</summary>
    public string Clock { get; set; } = "real";

    /// <summary>Where a virtual clock starts (an ISO 8601 instant); empty: now.</summary>
    public string? ClockStart { get; set; }

    /// <summary>Virtual seconds per real second for a virtual clock; 0 stands still until an operator advances it.</summary>
    public double ClockSpeed { get; set; } = 1;

    public string[] SeedNodeList() =>
        SeedNodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The TCP ports of <see cref="AdminUrls"/>.</summary>
    public IReadOnlySet<int> AdminPorts() =>
        AdminUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => Uri.TryCreate(url.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Port : -1)
            .Where(port => port > 0)
            .ToHashSet();

    /// <summary>The folder holding the HOCON files; by default the hocon/ folder beside the executable.</summary>
    public string HoconFolder { get; set; } = Path.Combine(AppContext.BaseDirectory, "hocon");

    /// <summary>Command-line flags and the configuration keys they set.</summary>
    public static IDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>
    {
        ["--node-host"] = "Node:Host",
        ["--node-port"] = "Node:Port",
        ["--seed-nodes"] = "Node:SeedNodes",
        ["--provider"] = "Node:Provider",
        ["--database"] = "Node:Database",
        ["--connection-string"] = "Node:ConnectionString",
        ["--stable-after"] = "Node:StableAfterSeconds",
        ["--shards"] = "Node:Shards",
        ["--snapshot-every"] = "Node:SnapshotEvery",
        ["--wire-format"] = "Node:WireFormat",
        ["--hocon"] = "Node:HoconFolder",
        ["--operator-token"] = "Node:OperatorToken",
        ["--admin-urls"] = "Node:AdminUrls",
        ["--rate-limit"] = "Node:RateLimitPerSecond",
        ["--rate-burst"] = "Node:RateLimitBurst",
        ["--auth-failure-limit"] = "Node:AuthFailureLimit",
        ["--auth-failure-window"] = "Node:AuthFailureWindowSeconds",
        ["--clock"] = "Node:Clock",
        ["--clock-start"] = "Node:ClockStart",
        ["--clock-speed"] = "Node:ClockSpeed",
        ["--webhook-url"] = "Notifications:WebhookUrl",
        ["--networks-db"] = "Networks:Database",
        ["--networks-connection-string"] = "Networks:ConnectionString",
        ["--network-concurrency"] = "Networks:Concurrency",
        ["--tick-ms"] = "Networks:TickMilliseconds",
        ["--posting-partitions"] = "Networks:PostingPartitions",
        ["--network-latency-ms"] = "Networks:LatencyMilliseconds",
        ["--network-failure-rate"] = "Networks:FailureRate",
        ["--network-rate-limit-rate"] = "Networks:RateLimitRate",
        ["--network-lost-answer-rate"] = "Networks:LostAnswerRate",
        ["--network-seed"] = "Networks:Seed",
        ["--cmd-host"] = "Commands:Host",
        ["--cmd-port"] = "Commands:Port",
        ["--cmd-token"] = "Commands:Token",
        ["--network-audience"] = "Networks:Audience",
        ["--simulator"] = "Simulator:Enabled",
        ["--simulations"] = "Simulator:Folder",
    };

    public const string EnvironmentPrefix = "PUBLISHINGCLUSTER_";
}
