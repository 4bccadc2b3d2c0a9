using System.Diagnostics;
using System.Globalization;

namespace PublishingCluster.Server.Tests.Support;

/// <summary>
/// Cuts one node off from the others on loopback with iptables, and heals the cut. The nodes all listen on 127.0.0.1,
/// so ports alone cannot tell whose a packet is; the cut-off node runs as its own user
/// (<see cref="ServerProcess.StartOnPostgresAsOwnUserAsync"/>), and the rules match the packets that user's process
/// sends. Symmetric: every connection that node's process takes part in on the nodes' remoting ports is marked and
/// dropped, both ways (its database connection is left alone). Asymmetric: only what it sends is dropped, so it hears
/// the others and they do not hear it. Needs root and iptables, as the tests have on the machines that run them.
/// </summary>
public sealed class LoopbackPartition : IAsyncDisposable
{
    /// <summary>The unprivileged user (nobody) the cut-off node runs as.</summary>
    public const int NodeUser = 65534;

    private const string Mark = "0x5043";

    private readonly List<string[]> _rules;
    private bool _healed;

    private LoopbackPartition(List<string[]> rules) => _rules = rules;

    /// <summary>The arguments of setpriv that run a program as <see cref="NodeUser"/>.</summary>
    public static IEnumerable<string> RunAsNodeUser() =>
        [$"--reuid={NodeUser}", $"--regid={NodeUser}", "--clear-groups", "--"];


    public static async Task<LoopbackPartition> CutAsync(IEnumerable<int> remotingPorts, bool symmetric)
    {
        var ports = string.Join(',', remotingPorts.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        var comment = $"publishingcluster-test-{Environment.ProcessId}";
        var owner = NodeUser.ToString(CultureInfo.InvariantCulture);
        List<string[]> rules = symmetric
            ?
            [
                ["OUTPUT", "-o", "lo", "-m", "owner", "--uid-owner", owner, "-m", "comment", "--comment", comment, "-j", "CONNMARK", "--set-mark", Mark],
                ["OUTPUT", "-o", "lo", "-p", "tcp", "-m", "connmark", "--mark", Mark, "-m", "multiport", "--ports", ports, "-m", "comment", "--comment", comment, "-j", "DROP"],
            ]
            :
            [
                ["OUTPUT", "-o", "lo", "-p", "tcp", "-m", "owner", "--uid-owner", owner, "-m", "multiport", "--ports", ports, "-m", "comment", "--comment", comment, "-j", "DROP"],
            ];
        await EnsureIptablesAsync();
        var added = new List<string[]>();
        try
        {
            foreach (var rule in rules)
            {
                await IptablesAsync(["-A", .. rule]);
                added.Add(rule);
            }
        }
        catch
        {
            await new LoopbackPartition(added).DisposeAsync();
            throw;
        }

        return new LoopbackPartition(added);
    }

    public async Task HealAsync()
    {
        if (_healed)
        {
            return;
        }

        _healed = true;
        foreach (var rule in Enumerable.Reverse(_rules))
        {
            await IptablesAsync(["-D", .. rule]);
        }
    }

    public async ValueTask DisposeAsync() => await HealAsync();

    /// <summary>Installs the Debian package where it is missing, as tests/postgres.sh does for PostgreSQL.</summary>
    private static async Task EnsureIptablesAsync()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/sbin");
        if (path.Any(folder => File.Exists(Path.Combine(folder, "iptables"))))
        {
            return;
        }

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("export DEBIAN_FRONTEND=noninteractive; apt-get install -y -q iptables || { apt-get update -q && apt-get install -y -q iptables; }");
        using var install = Process.Start(start) ?? throw new InvalidOperationException("Could not run apt-get.");
        var output = install.StandardOutput.ReadToEndAsync();
        var error = await install.StandardError.ReadToEndAsync();
        await install.WaitForExitAsync();
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"iptables is not installed, and apt-get could not install it ({install.ExitCode}): {await output}\n{error}");
        }
    }

    private static async Task IptablesAsync(string[] args)
    {
        var start = new ProcessStartInfo("iptables") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run iptables.");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"iptables {string.Join(' ', args)} failed ({process.ExitCode}): {error}");
        }
    }
}

/// <summary>A theory that cuts nodes off with iptables: it runs as root only (the tests' machines run them as root).</summary>
public sealed class PartitionTheoryAttribute : TheoryAttribute
{
    public PartitionTheoryAttribute()
    {
        if (Environment.UserName != "root")
        {
            Skip = "Cutting a node off with iptables needs root.";
        }
    }
}
