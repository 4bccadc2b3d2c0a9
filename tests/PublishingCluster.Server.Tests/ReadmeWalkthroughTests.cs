using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// The documented walk-through (docs/api.md) and three-node cluster (docs/operations.md), each run as written with
/// bash and curl against real server processes.
/// </summary>
public sealed partial class ReadmeWalkthroughTests
{
    [Fact]
    public async Task The_readme_walkthrough_runs_as_written_against_a_real_server()
    {
        var script = WalkthroughFromReadme();
        using var folder = new TempFolder();
        await using var server = await ServerProcess.StartAsync(folder.File("journal.db"));

        var (exitCode, output) = await RunBashAsync(script, server);
        Assert.True(exitCode == 0, $"The walk-through failed with exit code {exitCode}:\n{output}\n--- server ---\n{server.Output}");

        // Run again on the same server: the walk-through is safe to repeat.
        (exitCode, output) = await RunBashAsync(script, server);
        Assert.True(exitCode == 0, $"The walk-through failed on its second run with exit code {exitCode}:\n{output}");
        Assert.Contains("\"status\":\"Scheduled\"", output, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"channel.text-too-long\"", output, StringComparison.Ordinal);
        Assert.Matches(@"account: /accounts/acc_[0-9a-f]{32}", output);
        Assert.Contains("\"action\":\"ClientApprovePost\"", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The three-node cluster of docs/operations.md, as written: PostgreSQL on its port in its folder under /tmp, the server built,
    /// three nodes on their ports, an account opened and read through different nodes, the nodes stopped. The block
    /// names fixed ports and a fixed folder, so runs of it on one machine take turns (a lock file), and whatever a
    /// failed run leaves (its processes, its PostgreSQL) is cleared before and after.
    /// </summary>
    [Fact]
    public async Task The_readme_three_node_cluster_runs_as_written()
    {
        var script = ReadmeBlock("docs/operations.md", ClusterBlock(), "a ```bash block under \"## A three-node cluster on PostgreSQL\"");
        await using var turn = await MachineWideTurnAsync("publishingcluster-readme-cluster.lock", TimeSpan.FromMinutes(15));
        await ClearClusterLeftoversAsync();
        int[] nodePorts = [5101, 5102, 5103, 5201, 5202, 5203, 4051, 4052, 4053, 9111, 9112, 9113];
        int exitCode;
        string output;
        int[] stillListening;
        try
        {
            (exitCode, output, stillListening) = await RunBashAsync(script, new Dictionary<string, string>(), TimeSpan.FromMinutes(8), RepositoryRoot(), nodePorts);
        }
        finally
        {
            await ClearClusterLeftoversAsync();
        }

        var logs = string.Join("\n", Enumerable.Range(1, 3).Select(n => $"/tmp/publishingcluster-node{n}.log")
            .Where(File.Exists).Select(log => $"--- {log} ---\n{string.Join('\n', File.ReadLines(log).TakeLast(40))}"));
        var context = $"exit code {exitCode}\n{output}\n{logs}";
        Assert.True(exitCode == 0, "The cluster block failed: " + context);

        // Three members, all Up, each an Akka address the block gave.
        var members = ClusterMembers().Matches(output).Select(m => m.Groups["port"].Value).Order(StringComparer.Ordinal).ToList();
        Assert.True(members.SequenceEqual(["4051", "4052", "4053"]), "Not three Up members on 4051-4053: " + context);
        // The account opened through node 2 is read through node 3, and one of the nodes holds it.
        Assert.Contains("\"name\":\"Contoso Coffee\"", output, StringComparison.Ordinal);
        Assert.Matches(@"""node"":""akka\.tcp://PublishingCluster@127\.0\.0\.1:405[123]""", output);
        // Nothing was left listening when the block ended: its own last lines stopped every node.
        Assert.True(stillListening.Length == 0, $"Ports {string.Join(", ", stillListening)} still listened when the block ended: " + context);
    }

    private static string WalkthroughFromReadme() =>
        ReadmeBlock("docs/api.md", WalkthroughBlock(), "a walk-through block between <!-- walkthrough:start --> and <!-- walkthrough:end -->");

    private static string ReadmeBlock(string file, Regex block, string what)
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), file));
        var match = block.Match(page);
        Assert.True(match.Success, $"{file} has no {what}.");
        return match.Groups["script"].Value;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PublishingCluster.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
    }

    private static async Task<(int ExitCode, string Output)> RunBashAsync(string script, ServerProcess server)
    {
        var (exitCode, output, _) = await RunBashAsync(script, new Dictionary<string, string>
        {
            ["PC"] = server.BaseAddress.ToString().TrimEnd('/'),
            ["PC_ADMIN"] = server.AdminAddress.ToString().TrimEnd('/'),
        }, TimeSpan.FromMinutes(2), workingDirectory: null, portsToCheck: []);
        return (exitCode, output);
    }

    /// <summary>
    /// Runs <paramref name="script"/> with bash in a process group of its own, so that whatever it started in the
    /// background is killed with it when it fails or overruns <paramref name="timeout"/>; returns, besides its exit
    /// code and output, which of <paramref name="portsToCheck"/> still listened when it ended (before that kill).
    /// </summary>
    private static async Task<(int ExitCode, string Output, int[] StillListening)> RunBashAsync(
        string script, IDictionary<string, string> environment, TimeSpan timeout, string? workingDirectory, int[] portsToCheck)
    {
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        start.ArgumentList.Add("bash");
        start.ArgumentList.Add("-s");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var bash = Process.Start(start)!;
        try
        {
            await bash.StandardInput.WriteAsync(script);
            bash.StandardInput.Close();
            var stdout = bash.StandardOutput.ReadToEndAsync();
            var stderr = bash.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(timeout);
            await bash.WaitForExitAsync(deadline.Token);
            return (bash.ExitCode, await stdout + await stderr, [.. portsToCheck.Where(Listening)]);
        }
        finally
        {
            // setsid ran bash as the leader of a new process group: end the group, background jobs included.
            // (An empty group is no error: kill's complaint is read and dropped.)
            var kill = new ProcessStartInfo("kill") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "-KILL", "--", "-" + bash.Id.ToString(CultureInfo.InvariantCulture) })
            {
                kill.ArgumentList.Add(arg);
            }

            using var killing = Process.Start(kill)!;
            await killing.StandardError.ReadToEndAsync();
            await killing.WaitForExitAsync();
        }
    }

    /// <summary>The PostgreSQL the cluster block starts, stopped and removed if a run left it behind.</summary>
    private static async Task ClearClusterLeftoversAsync()
    {
        const string Folder = "/tmp/publishingcluster-pg";
        if (!Directory.Exists(Folder))
        {
            return;
        }

        using var stop = Process.Start("bash", [Path.Combine(RepositoryRoot(), "tests", "postgres.sh"), "stop", Folder]);
        await stop.WaitForExitAsync();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>An exclusive lock on a file under the temporary folder, held until disposed: one holder per machine.</summary>
    private static async Task<FileStream> MachineWideTurnAsync(string name, TimeSpan patience)
    {
        var path = Path.Combine(Path.GetTempPath(), name);
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"<!-- walkthrough:start -->\s*```bash\n(?<script>.*?)```\s*<!-- walkthrough:end -->", RegexOptions.Singleline)]
    private static partial Regex WalkthroughBlock();

    [GeneratedRegex(@"^## A three-node cluster on PostgreSQL\n(?:(?!^#).)*?```bash\n(?<script>.*?)```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex ClusterBlock();

    [GeneratedRegex(@"""address"":""akka\.tcp://PublishingCluster@127\.0\.0\.1:(?<port>\d+)"",""status"":""Up""")]
    private static partial Regex ClusterMembers();
}
