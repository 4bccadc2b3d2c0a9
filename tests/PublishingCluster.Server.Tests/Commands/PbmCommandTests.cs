using System.Globalization;
using System.Text.Json.Nodes;
using PublishingCluster.Cmd;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests.Commands;

/// <summary>
/// pbm against a real server process on loopback: every command of every palette in table and JSON form, the
/// errors an operator meets (each one line and a non-zero exit code), tail until Ctrl+C, the shell, completion.
/// </summary>
public sealed class PbmCommandTests(PbmNode node) : IClassFixture<PbmNode>
{
    /// <summary>A command line, a text its table must show and a property its JSON must have.</summary>
    public static TheoryData<string, string, string> Commands => new()
    {
        { "cluster show", "Count: 1 nodes", "members" },
        { "cluster status", "| up |", "status" },
        { "cluster leader", "akka.tcp://PublishingCluster@127.0.0.1:", "leader" },
        { "cluster down-unreachable", "No unreachable members.", "downed" },
        { "cluster-sharding regions", "account", "regions" },
        { "cluster-sharding region-stats -r account", " shards, ", "shards" },
        { "cluster-sharding shard-stats -r account", "Total: ", "nodes" },
        { "cluster-sharding entity -r account -e {account}", "shard: ", "shardId" },
        { "actor hierarchy", "/user/channel-gateways", "actors" },
        { "actor hierarchy -d 1 -s /user/channel-gateways", "/user/channel-gateways/gateway-linkedin", "actors" },
        { "actor system", "system: PublishingCluster", "akkaVersion" },
        { "log peek", "[INFO]", "lines" },
        { "log peek -l Warning -n 5", string.Empty, "lines" },
        { "publishing accounts", "Count: ", "accounts" },
        { "publishing accounts --agency pbm-agency", "Count: 3 accounts", "accounts" },
        { "publishing accounts --agency pbm-agency --limit 2", "Count: 2 accounts; next page: --after ", "next" },
        { "publishing account {account}", "partnership: 100 of 100 (Healthy)", "health" },
        { "publishing calendar {account} --from {from} --to {to}", "Count: 2 variants", "entries" },
        { "publishing queue {account} LinkedIn", "Count: 2 variants; next free slot: ", "entries" },
        { "publishing due --next 3d", "Variants to send: 6", "variants" },
        { "publishing escalations --open", "Count: 0 escalations", "escalations" },
        { "publishing reports {account}", "Count: 0 reports; the period under way (Monthly, Europe/London) closes ", "reports" },
        { "publishing channels", "LinkedIn  | sending", "channels" },
        { "publishing clock", "clock: real", "mode" },
        { "sim status", "simulator: off. This node does not run the simulator", "enabled" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_answers_as_a_table_and_as_json(string line, string tableShows, string jsonHas)
    {
        var args = Words(line);

        var table = await node.PbmAsync(args);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(tableShows, table.Output, StringComparison.Ordinal);
        Assert.Empty(table.Error);

        var json = await node.PbmAsync([.. args, "--json"]);
        Assert.True(json.ExitCode == 0, json.ToString());
        var value = Assert.Single(json.Json);
        Assert.True(value is JsonObject obj && obj.ContainsKey(jsonHas), $"{line} --json has no '{jsonHas}': {json.Output}");
    }

    [Fact]
    public async Task Json_answers_carry_the_nodes_facts()
    {
        var show = (await node.PbmAsync("cluster", "show", "--json")).Json[0];
        var leader = (await node.PbmAsync("cluster", "leader", "--json")).Json[0];
        Assert.Equal(1, show["count"]!.GetValue<int>());
        Assert.Equal(leader["leader"]!.GetValue<string>(), show["members"]![0]!["address"]!.GetValue<string>());
        Assert.Equal("up", show["members"]![0]!["status"]!.GetValue<string>());

        // Other tests of the class open accounts of their own agencies: look at this one's.
        var accounts = (await node.PbmAsync("publishing", "accounts", "--agency", PbmNode.AgencyId, "--json")).Json[0];
        Assert.Equal(
            node.Posts.Variants.Select(v => v.AccountId).Distinct().Order(StringComparer.Ordinal),
            accounts["accounts"]!.AsArray().Select(a => a!["accountId"]!.GetValue<string>()));
        Assert.Null(accounts["next"]);

        // Paging: two, then the rest after the first page's last id.
        var first = (await node.PbmAsync("publishing", "accounts", "--agency", PbmNode.AgencyId, "--limit", "2", "--json")).Json[0];
        var rest = (await node.PbmAsync("publishing", "accounts", "--agency", PbmNode.AgencyId, "--after", first["next"]!.GetValue<string>(), "--json")).Json[0];
        Assert.Equal(3, first["accounts"]!.AsArray().Count + rest["accounts"]!.AsArray().Count);
        Assert.Empty((await node.PbmAsync("publishing", "accounts", "--agency", "nobody", "--json")).Json[0]["accounts"]!.AsArray());

        var due = (await node.PbmAsync("publishing", "due", "--next", "3d", "--json")).Json[0];
        var dueAccounts = due["accounts"]!.AsArray().Select(a => a!["accountId"]!.GetValue<string>()).ToList();
        Assert.All(node.Posts.Variants, v => Assert.Contains(v.AccountId, dueAccounts));
        Assert.Equal(6, due["variants"]!.AsArray().Count);
        Assert.All(due["variants"]!.AsArray(), v =>
        {
            Assert.Equal(node.ScheduledAt, v!["scheduledAt"]!.GetValue<DateTimeOffset>());
            Assert.Equal("LinkedIn", v["network"]!.GetValue<string>());
            Assert.False(v["paused"]!.GetValue<bool>());
        });
        Assert.Empty((await node.PbmAsync("publishing", "due", "--next", "1h", "--json")).Json[0]["variants"]!.AsArray());

        var entity = (await node.PbmAsync("cluster-sharding", "entity", "-r", "account", "-e", node.AccountId, "--json")).Json[0];
        Assert.Equal(leader["leader"]!.GetValue<string>(), entity["node"]!.GetValue<string>());
    }

    /// <summary>Each error: the command line, the exit code, and what its one line on stderr says.</summary>
    public static TheoryData<string, int, string> Errors => new()
    {
        { "cluster shwo", ExitCodes.Usage, "Unknown command 'cluster shwo'. Did you mean 'cluster show'?" },
        { "clustr show", ExitCodes.Usage, "Unknown palette 'clustr'. Did you mean 'cluster'" },
        { "publishing pause", ExitCodes.Usage, "Did you mean 'publishing pause-channel'?" },
        { "cluster regions", ExitCodes.Usage, "Did you mean 'cluster-sharding regions'?" },
        { "cluster", ExitCodes.Usage, "Name a command of 'cluster': show, status" },
        { "cluster show extra", ExitCodes.Usage, "'show' takes no argument 'extra'" },
        { "actor hierarchy --deep 2", ExitCodes.Usage, "'hierarchy' has no option --deep" },
        { "actor hierarchy -d", ExitCodes.Usage, "--depth needs a value" },
        { "actor hierarchy -d 0", ExitCodes.Usage, "--depth is a whole number from 1 to 20" },
        { "actor hierarchy -s /user/nothing", ExitCodes.Failed, "No actor at /user/nothing." },
        { "actor hierarchy -s user", ExitCodes.Usage, "-s is an actor path from the root" },
        { "log peek -l Loud", ExitCodes.Usage, "--level is one of" },
        { "cluster down not-an-address", ExitCodes.Usage, "'not-an-address' is not an Akka.NET member address" },
        { "cluster join not-an-address", ExitCodes.Usage, "'not-an-address' is not an Akka.NET member address; give it as akka.tcp://PublishingCluster@host:port." },
        { "cluster join http://PublishingCluster@127.0.0.1:4053", ExitCodes.Usage, "is not an Akka.NET member address" },
        { "cluster join akka.tcp://PublishingCluster@127.0.0.1", ExitCodes.Usage, "is not an Akka.NET member address" },
        { "cluster join akka.tcp://OtherSystem@127.0.0.1:4053", ExitCodes.Usage, "is an address of the actor system 'OtherSystem'; this cluster's is 'PublishingCluster'" },
        { "cluster join", ExitCodes.Usage, "'join' needs <address>" },
        { "cluster join akka.tcp://PublishingCluster@127.0.0.1:1", ExitCodes.Failed, "This node is already up in a cluster of 1 member(s) without akka.tcp://PublishingCluster@127.0.0.1:1" },
        { "log set-level Loud", ExitCodes.Usage, "'Loud' is not a log level; give Debug, Information, Warning, Error or Critical" },
        { "log set-level 3", ExitCodes.Usage, "'3' is not a log level" },
        { "log slurp --level Chatty", ExitCodes.Usage, "--level is one of" },
        { "cluster down akka.tcp://PublishingCluster@127.0.0.1:1", ExitCodes.Failed, "No member at akka.tcp://PublishingCluster@127.0.0.1:1" },
        { "cluster leave akka.tcp://PublishingCluster@127.0.0.1:1", ExitCodes.Failed, "No member at akka.tcp://PublishingCluster@127.0.0.1:1" },
        { "cluster-sharding region-stats", ExitCodes.Usage, "Name the region with -r <type>: account, agency, posting." },
        { "cluster-sharding region-stats -r acount", ExitCodes.Failed, "No region 'acount' on this node. Did you mean 'account'?" },
        { "cluster-sharding entity -r account", ExitCodes.Usage, "'entity' needs --entity <id>." },
        { "publishing account", ExitCodes.Usage, "'account' needs <id>" },
        { "publishing account acc_nobody", ExitCodes.Failed, "There is no account 'acc_nobody'." },
        { "publishing account ../etc", ExitCodes.Failed, "There is no account '../etc'." },
        { "publishing queue {account} Pinterest", ExitCodes.Failed, "has no channel 'Pinterest'" },
        { "publishing calendar {account} --from yesterday", ExitCodes.Usage, "--from is an ISO 8601 time with its offset" },
        { "publishing calendar {account} --from 2027-01-01T00:00:00Z --to 2029-01-01T00:00:00Z", ExitCodes.Usage, "366" },
        { "publishing due --next soon", ExitCodes.Usage, "--next is a duration such as 90s, 15m, 1h or 2d, not 'soon'." },
        { "publishing accounts --limit 0", ExitCodes.Usage, "--limit is a whole number from 1 to 200" },
        { "publishing accounts --limit 1 --limit 2", ExitCodes.Usage, "--limit is given twice" },
        { "publishing escalations --cause Angry", ExitCodes.Usage, "--cause is one of SlaBreach" },
        { "publishing escalations --open=maybe", ExitCodes.Usage, "--open is true or false" },
        { "publishing pause-channel Linkdin", ExitCodes.Usage, "Unknown network 'Linkdin'. Did you mean 'LinkedIn'?" },
        { "publishing resume-channel 3", ExitCodes.Usage, "Unknown network '3'." },
        { "sim start quarter", ExitCodes.Failed, "This node does not run the simulator; start it with --simulator true, or --simulations <folder>." },
        { "sim stop", ExitCodes.Failed, "This node does not run the simulator" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task A_bad_command_exits_non_zero_with_one_line_saying_why(string line, int exitCode, string says)
    {
        var result = await node.PbmAsync(Words(line));

        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Contains(says, result.Error, StringComparison.Ordinal);
        var reason = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("pbm: ", reason, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task The_pbm_executable_exits_non_zero_with_a_suggestion_for_an_unknown_command()
    {
        var result = await PbmRunner.RunProcessAsync(node.Node, "publishing", "acounts");

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Equal("pbm: Unknown command 'publishing acounts'. Did you mean 'publishing accounts' or 'publishing account'? Commands: accounts, account, calendar, queue, due, escalations, reports, channels, pause-channel, resume-channel, clock.", result.Error.Trim());
    }

    [Fact]
    public async Task A_node_that_cannot_be_reached_or_named_is_a_one_line_error()
    {
        var closed = ServerProcess.FreeLoopbackPort();
        var unreachable = await PbmRunner.RunAsync($"127.0.0.1:{closed}", "cluster", "show");
        Assert.Equal(ExitCodes.Unreachable, unreachable.ExitCode);
        Assert.StartsWith($"pbm: cannot reach the node at 127.0.0.1:{closed}: ", unreachable.Error, StringComparison.Ordinal);

        var badAddress = await PbmRunner.RunAsync("127.0.0.1:99999", "cluster", "show");
        Assert.Equal(ExitCodes.Usage, badAddress.ExitCode);
        Assert.Contains("'127.0.0.1:99999' is not a node address", badAddress.Error, StringComparison.Ordinal);

        var nothing = await PbmRunner.RunAsync();
        Assert.Equal(ExitCodes.Usage, nothing.ExitCode);
        Assert.Contains("pbm: name the node", nothing.Error, StringComparison.Ordinal);

        var noToken = await PbmRunner.RunAsync(node.Node, "cluster", "show", "--token");
        Assert.Equal(ExitCodes.Usage, noToken.ExitCode);

        // The HTTP port is not the command port: said so, not a crash.
        var http = await PbmRunner.RunAsync($"127.0.0.1:{node.Server.BaseAddress.Port}", "cluster", "show");
        Assert.NotEqual(ExitCodes.Ok, http.ExitCode);
        Assert.StartsWith("pbm: ", http.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tail_prints_membership_events_until_the_operator_stops_it_and_the_node_ends_the_session()
    {
        var table = await PbmRunner.RunWithAsync(new TestTerminal(stopWhen: output => output.Contains("MemberUp", StringComparison.Ordinal)), node.Node, "cluster", "tail");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\] MemberUp: akka\.tcp://PublishingCluster@127\.0\.0\.1:\d+ \| \[\] \| up$", table.Lines[0]);

        var json = await PbmRunner.RunWithAsync(new TestTerminal(stopWhen: output => output.Contains("MemberUp", StringComparison.Ordinal)), node.Node, "cluster", "tail", "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal("MemberUp", json.Json[0]["event"]!.GetValue<string>());

        // The client closed its connection: the node stops the sessions that were tailing.
        for (var attempt = 0; ; attempt++)
        {
            var sessions = (await node.PbmAsync("actor", "hierarchy", "-s", "/user/commands", "--json")).Json[0]["actors"]!.AsArray();
            // Itself, and the one session running this very hierarchy command.
            if (sessions.Count == 2 || attempt == 50)
            {
                Assert.Equal(2, sessions.Count);
                break;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Without_a_command_pbm_reads_commands_from_its_input_one_a_line()
    {
        var terminal = new TestTerminal("cluster show\npublishing clock --json\nhelp cluster\n\nexit\ncluster leader\n");
        var result = await PbmRunner.RunWithAsync(terminal, node.Node);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Count: 1 nodes", result.Output, StringComparison.Ordinal);
        Assert.Contains("\"mode\":\"real\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("cluster down-unreachable", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("publishing: ", result.Output, StringComparison.Ordinal);
        // Nothing after exit runs.
        Assert.Single(result.Lines, l => l.StartsWith("akka.tcp://", StringComparison.Ordinal));

        var failing = await PbmRunner.RunWithAsync(new TestTerminal("cluster shwo\ncluster show\n"), node.Node);
        Assert.Equal(ExitCodes.Usage, failing.ExitCode);
        Assert.Contains("Count: 1 nodes", failing.Output, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'cluster show'?", failing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_palette_and_command_the_node_has()
    {
        var help = await node.PbmAsync("help");

        Assert.Equal(0, help.ExitCode);
        foreach (var palette in new[] { "actor", "cluster", "cluster-sharding", "log", "publishing", "sim" })
        {
            Assert.Contains(help.Lines, l => l.StartsWith($"{palette}: ", StringComparison.Ordinal));
        }

        Assert.Contains("cluster-sharding entity [-r|--region <type>] [-e|--entity <id>]", help.Output, StringComparison.Ordinal);
        Assert.Contains("publishing queue <id> <channel>", help.Output, StringComparison.Ordinal);
        Assert.Contains("sim start <scenario> [-d|--days <n>] [-a|--accounts <n>] [-s|--seed <n>] [--speed <max|factor>]", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tab_completes_palettes_commands_options_and_account_ids()
    {
        var client = new CommandClient(Endpoint(), token: null);
        var (_, description) = await client.DescribeAsync(CancellationToken.None);
        var palettes = Palettes.From(description);
        var shell = new Shell(client, new TestTerminal());

        Assert.Equal(["cluster", "cluster-sharding"], shell.Complete(palettes, "clu"));
        Assert.Equal(["down", "down-unreachable"], shell.Complete(palettes, "cluster d"));
        Assert.Equal(["--next"], shell.Complete(palettes, "publishing due --n"));
        Assert.Contains(node.AccountId, shell.Complete(palettes, "publishing account " + node.AccountId[..6]));
        Assert.Equal([node.AccountId], shell.Complete(palettes, "publishing calendar " + node.AccountId[..^1]));
        Assert.Empty(shell.Complete(palettes, "publishing account zzz"));
    }

    [Fact]
    public async Task Pause_channel_holds_due_posts_on_the_node_and_resume_channel_publishes_each_once()
    {
        var posts = await ApprovedPosts.CreateAsync(node.Server, "pause-agency", accounts: 4, postsPerAccount: 2);
        var keys = posts.Variants.Select(v => v.IdempotencyKey).Order(StringComparer.Ordinal).ToList();

        var paused = await node.PbmAsync("publishing", "pause-channel", "LinkedIn");
        Assert.True(paused.ExitCode == 0, paused.ToString());
        Assert.StartsWith("LinkedIn: paused on this node", paused.Output, StringComparison.Ordinal);

        await posts.ScheduleAllAsync(DateTimeOffset.UtcNow.AddSeconds(3));
        var waiting = await WaitForLinkedInAsync(s => s["waiting"]!.GetValue<int>() == keys.Count);
        Assert.True(waiting["paused"]!.GetValue<bool>());
        Assert.DoesNotContain(ApprovedPosts.Published(node.Server.NetworksPath, out _), p => keys.Contains(p.IdempotencyKey));

        // Operators see the hold: in the clock, and against each held variant of what is due.
        var clock = await node.PbmAsync("publishing", "clock");
        Assert.Contains($"Paused: LinkedIn ({keys.Count} waiting)", clock.Output, StringComparison.Ordinal);
        var due = (await node.PbmAsync("publishing", "due", "--next", "1m", "--json")).Json[0];
        Assert.Equal(["LinkedIn"], due["pausedNetworks"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(keys, due["held"]!.AsArray().Select(h => h!["idempotencyKey"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(due["held"]!.AsArray(), h => Assert.Equal("LinkedIn", h!["network"]!.GetValue<string>()));
        var dueTable = (await node.PbmAsync("publishing", "due", "--next", "1m")).Output;
        Assert.Contains($"Held by paused networks: {keys.Count}", dueTable, StringComparison.Ordinal);
        Assert.Contains($"{posts.Variants[0].AccountId} | {posts.Variants[0].PostId} | {posts.Variants[0].ChannelId} | LinkedIn | paused", dueTable, StringComparison.Ordinal);

        var resumed = await node.PbmAsync("publishing", "resume-channel", "LinkedIn");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.StartsWith("LinkedIn: sending", resumed.Output, StringComparison.Ordinal);

        await ApprovedPosts.WaitForPublishedAsync(node.Server.NetworksPath, keys.Count, TimeSpan.FromSeconds(60));
        var published = ApprovedPosts.Published(node.Server.NetworksPath, out var duplicateSends).Where(p => keys.Contains(p.IdempotencyKey)).ToList();
        Assert.Equal(keys, published.Select(p => p.IdempotencyKey).Order(StringComparer.Ordinal));
        Assert.Equal(0, duplicateSends);
        var after = await WaitForLinkedInAsync(s => s["waiting"]!.GetValue<int>() == 0 && s["inFlight"]!.GetValue<int>() == 0);
        Assert.False(after["paused"]!.GetValue<bool>());
        Assert.Equal(keys.Count, after["sent"]!.GetValue<int>());
    }

    private async Task<JsonNode> WaitForLinkedInAsync(Func<JsonNode, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var channels = (await node.PbmAsync("publishing", "channels", "--json")).Json[0]["channels"]!.AsArray();
            var linkedIn = channels.Single(c => c!["network"]!.GetValue<string>() == "LinkedIn")!;
            if (condition(linkedIn) || DateTime.UtcNow > deadline)
            {
                Assert.True(condition(linkedIn), $"LinkedIn's gateway: {linkedIn.ToJsonString()}\n{node.Server.Output}");
                return linkedIn;
            }

            await Task.Delay(200);
        }
    }

    private NodeEndpoint Endpoint() => NodeEndpoint.TryParse(node.Node, out var endpoint) ? endpoint : throw new InvalidOperationException(node.Node);

    private string[] Words(string line) => [.. line
        .Replace("{account}", node.AccountId, StringComparison.Ordinal)
        .Replace("{from}", node.ScheduledAt.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{to}", node.ScheduledAt.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)];
}
