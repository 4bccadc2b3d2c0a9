using PublishingCluster.Channels.Simulated;

namespace PublishingCluster.Server.Tests.Support;

/// <summary>
/// 300 posts falling due at once on a three-node cluster with slow networks, and a fault done to one node while they
/// go out: the shape of the pause and partition tests, which then check that every post is on the network once.
/// </summary>
public sealed class PublishingThroughAFault : IAsyncDisposable
{
    /// <summary>
    /// 300 posts: 60 accounts of five (a LinkedIn week under the sample contract). Slow networks (300 ms a call, two
    /// calls at a time per network per node), so sends queue in each gateway and the node hit holds many.
    /// </summary>
    public static readonly string[] SlowNetworks = ["--network-latency-ms", "300", "--network-concurrency", "2", "--tick-ms", "200"];

    /// <summary>
    /// Which of the repeated runs this is (tests/faults.sh sets FAULT_RUN to 0, 1, 2, ...; unset: 0). It moves the
    /// fault later into the publishing and makes the faulty node wait longer before it wakes or is healed.
    /// </summary>
    public static int RunNumber => int.TryParse(Environment.GetEnvironmentVariable("FAULT_RUN"), out var run) && run >= 0 ? run : 0;

    /// <summary>How many posts are out when the fault comes: 20, 50, 80 or 110.</summary>
    public static int PublishedBeforeFault => 20 + (30 * (RunNumber % 4));

    /// <summary>How long the fault lasts after the others removed the node: 8, 14 or 2 s.</summary>
    public static TimeSpan FaultOutlastsRemovalBy => TimeSpan.FromSeconds(2 + (6 * ((RunNumber + 1) % 3)));

    private readonly IReadOnlyDictionary<string, string?> _homes;

    private PublishingThroughAFault(NodeCluster cluster, ApprovedPosts posts, PostgresPublicationLog networks, int hit, int hitPosts, IReadOnlyDictionary<string, string?> homes)
    {
        _homes = homes;
        Cluster = cluster;
        Posts = posts;
        Networks = networks;
        Hit = hit;
        HitPosts = hitPosts;
    }

    public NodeCluster Cluster { get; }

    public ApprovedPosts Posts { get; }

    public PostgresPublicationLog Networks { get; }

    /// <summary>The index of the node the fault is done to.</summary>
    public int Hit { get; }

    public ServerProcess HitNode => Cluster.Nodes[Hit];

    /// <summary>How many of the posts belong to accounts on the node hit.</summary>
    public int HitPosts { get; }

    public IEnumerable<string> OtherAddresses => Cluster.Addresses.Where((_, i) => i != Hit);

    /// <param name="ownUserNode">Run this node as its own user and hit it (a partition); null: hit the node holding the most accounts.</param>
    public static async Task<PublishingThroughAFault> StartAsync(PostgresServer postgres, string agencyId, int? ownUserNode = null)
    {
        var cluster = await NodeCluster.StartAsync(postgres, 3, ownUserNode, SlowNetworks);
        try
        {
            var posts = await ApprovedPosts.CreateAsync(cluster.Nodes[0], agencyId, accounts: 60, postsPerAccount: 5);
            var homes = await Task.WhenAll(posts.Variants.Select(v => v.AccountId).Distinct()
                .Select(async a => (Account: a, Node: await NodeCluster.LocateAsync(cluster.Nodes[0], a))));
            var hitAddress = ownUserNode is { } own
                ? cluster.Addresses[own]
                : homes.GroupBy(h => h.Node).OrderByDescending(g => g.Count()).First().Key!;
            var hit = cluster.Addresses.ToList().IndexOf(hitAddress);
            return new PublishingThroughAFault(cluster, posts, cluster.Networks(), hit, homes.Count(h => h.Node == hitAddress) * 5, homes.ToDictionary(h => h.Account, h => h.Node));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Schedules every post a few seconds ahead and returns once <see cref="PublishedBeforeFault"/> are out.</summary>
    public async Task StartPublishingAsync()
    {
        var published = PublishedBeforeFault;
        await Posts.ScheduleAllAsync(DateTimeOffset.UtcNow.AddSeconds(3));
        await WaitForAsync(() => Networks.Count() >= published, TimeSpan.FromSeconds(90), $"{published} posts published before the fault");
    }

    /// <summary>Waits until a node other than the one hit sees only the others as members: it was downed and removed.</summary>
    public Task WaitUntilHitNodeIsRemovedAsync() =>
        Cluster.WaitForMembersAsync(Cluster.Nodes[Hit == 0 ? 1 : 0], OtherAddresses, TimeSpan.FromSeconds(90));

    /// <summary>
    /// Waits until every post is on the network, and a while longer for the node hit to send what it should not; then
    /// checks that each post is there once and none was sent twice, and that the fault came early enough to matter.
    /// </summary>
    /// <param name="faultAt">When the fault began: a send already under way then may land twice (see below).</param>
    public async Task AssertEveryPostWentOutOnceAsync(int publishedAtFault, DateTimeOffset faultAt)
    {
        try
        {
            await WaitForAsync(() => Networks.Count() >= Posts.Variants.Count, TimeSpan.FromSeconds(180), $"all {Posts.Variants.Count} posts published");
        }
        catch (Xunit.Sdk.XunitException stalled)
        {
            throw new Xunit.Sdk.XunitException($"{stalled.Message} {Networks.Count()} are out. {await SendingStatesAsync()}");
        }
        await Task.Delay(TimeSpan.FromSeconds(10));

        Assert.True(publishedAtFault < Posts.Variants.Count - HitPosts / 2, $"The fault came too late to show anything: {publishedAtFault} of {Posts.Variants.Count} were out.");
        Assert.Equal(
            Posts.Variants.Select(v => v.IdempotencyKey).Order(StringComparer.Ordinal),
            Networks.All().Select(p => p.IdempotencyKey).Order(StringComparer.Ordinal));
        // The one copy allowed: a send that was already under way when the node froze (at most the gateway's two calls
        // in flight) lands after it thaws, when the survivor may have looked the post up and sent it meanwhile. The
        // simulated network takes a request in only after its latency, so a frozen node's call in flight is like a
        // request still in its send buffer (docs/architecture.md: "a request already on the wire"). Any other copy,
        // a post first sent after the fault, fails the test.
        var inFlightAtFault = InFlightAtFault(faultAt);
        if (Networks.DuplicateSends > inFlightAtFault.Count || inFlightAtFault.Count > 2)
        {
            // Whose accounts the twice-sent posts were on before the fault, and what each node logged: where to look.
            var twice = DuplicatedKeys();
            var byHome = twice.GroupBy(k => _homes.GetValueOrDefault(k.Split('/')[0]) is { } home ? $"node {Cluster.Addresses.ToList().IndexOf(home)}" : "?")
                .Select(g => $"{g.Key}: {g.Count()}");
            Assert.Fail($"{twice.Count} sends of posts already out ({string.Join(", ", byHome)}; the node hit was {Hit}).\n{await SendingStatesAsync()}\n{History(twice[0])}\n{string.Join("\n", Timeline)}");
        }
    }

    /// <summary>The posts sent twice whose first landing send had begun before <paramref name="faultAt"/>.</summary>
    private List<string> InFlightAtFault(DateTimeOffset faultAt)
    {
        using var connection = new Npgsql.NpgsqlConnection(Cluster.ConnectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand("""
            SELECT DISTINCT d.idempotency_key, p.published_at FROM simulated_duplicate_sends d
            JOIN simulated_publications p ON p.idempotency_key = d.idempotency_key
            """, connection);
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            if (DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture) < faultAt)
            {
                keys.Add(reader.GetString(0));
            }
        }

        return keys;
    }

    /// <summary>What the test did when, for the failure message.</summary>
    public List<string> Timeline { get; } = [];

    public void Mark(string what) => Timeline.Add($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {what}");

    /// <summary>The account's journal around a post sent twice, and the network's record of it: what a failure needs to be understood.</summary>
    private string History(string key)
    {
        using var connection = new Npgsql.NpgsqlConnection(Cluster.ConnectionString);
        connection.Open();
        var lines = new List<string> { $"History of {key}:" };
        void Read(string sql)
        {
            using var command = new Npgsql.NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("pid", $"account-{key.Split('/')[0]}");
            command.Parameters.AddWithValue("key", key);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                lines.Add("  " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }
        }

        Read("""
            SELECT sequence_number, manifest, to_char(to_timestamp((created - 621355968000000000) / 10000000.0), 'HH24:MI:SS.MS'),
                   substring(convert_from(message, 'UTF8') from '"postId":"post_(.{6})')
            FROM journal WHERE persistence_id = @pid AND manifest LIKE 'variant-%' ORDER BY sequence_number
            """);
        Read("""
            SELECT right(d.idempotency_key, 12), a.attempts, p.published_at, to_char(d.counted_at, 'HH24:MI:SS.MS')
            FROM simulated_duplicate_sends d
            JOIN simulated_publish_attempts a ON a.idempotency_key = d.idempotency_key
            JOIN simulated_publications p ON p.idempotency_key = d.idempotency_key
            ORDER BY d.counted_at
            """);
        return string.Join("\n", lines);
    }

    private List<string> DuplicatedKeys()
    {
        using var connection = new Npgsql.NpgsqlConnection(Cluster.ConnectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand("SELECT idempotency_key FROM simulated_duplicate_sends", connection);
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>What each node still running says about its sending, and the warnings it logged: why publishing stalled.</summary>
    private async Task<string> SendingStatesAsync()
    {
        var states = new List<string>();
        for (var n = 0; n < Cluster.Nodes.Count; n++)
        {
            var node = Cluster.Nodes[n];
            string sending;
            try
            {
                using var operatorClient = NodeCluster.OperatorOn(node);
                operatorClient.Timeout = TimeSpan.FromSeconds(5);
                sending = (await operatorClient.GetJsonAsync("/admin/cluster"))["sending"]?.ToJsonString() ?? "?";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                sending = node.HasExited ? "exited" : $"no answer ({e.Message})";
            }

            var warnings = node.Output.Split('\n').Where(l => l.Contains("lease", StringComparison.Ordinal) || l.Contains("sends", StringComparison.Ordinal) || l.Contains("requests", StringComparison.Ordinal)).TakeLast(12);
            states.Add($"Node {n}{(n == Hit ? " (hit)" : "")}: sending {sending}; last warnings:\n  {string.Join("\n  ", warnings)}");
        }

        return string.Join("\n", states);
    }

    public static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Networks.Dispose();
        await Cluster.DisposeAsync();
    }
}
