using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PublishingCluster.Server.Tests.Support;

/// <summary>
/// The server as a separate operating-system process on loopback, started from the build output the way an
/// operator starts it. Disposing kills it (the whole process tree).
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    // The home folder of a node run as its own user, removed with the node.
    private DirectoryInfo? _home;

    private ServerProcess(Process process, Uri baseAddress, Uri adminAddress, string networksPath, int commandPort)
    {
        _process = process;
        CommandPort = commandPort;
        NetworksPath = networksPath;
        BaseAddress = baseAddress;
        AdminAddress = adminAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    /// <summary>The admin listener, where a loopback caller is the operator.</summary>
    public Uri AdminAddress { get; }

    public HttpClient Client { get; }

    /// <summary>The node's command endpoint (pbm), on loopback; its own free port unless the test gave --cmd-port.</summary>
    public int CommandPort { get; }

    /// <summary>The command endpoint as pbm names it: host:port.</summary>
    public string CommandEndpoint => $"127.0.0.1:{CommandPort}";

    /// <summary>
    /// The simulated networks' publication log: next to the journal, shared by every node started on it (empty for a
    /// node on PostgreSQL, whose log is in the database).
    /// </summary>
    public string NetworksPath { get; }

    /// <summary>What the process wrote so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a node on <paramref name="databasePath"/>; <paramref name="extraArgs"/> are further flags (--node-port, --seed-nodes ...).</summary>
    public static Task<ServerProcess> StartAsync(string databasePath, params string[] extraArgs)
    {
        var networksPath = NetworksPathFor(databasePath);
        return StartNodeAsync(networksPath, ["--database", databasePath, "--networks-db", networksPath, .. extraArgs]);
    }

    /// <summary>
    /// Starts a node on <paramref name="databasePath"/> and waits only until it is live (its actor system runs), not
    /// ready: for a node that is not to be a cluster member yet (seeds that do not answer).
    /// </summary>
    public static Task<ServerProcess> StartLiveAsync(string databasePath, params string[] extraArgs)
    {
        var networksPath = NetworksPathFor(databasePath);
        return StartNodeAsync(networksPath, ["--database", databasePath, "--networks-db", networksPath, .. extraArgs], waitFor: "/health/live");
    }

    /// <summary>
    /// Starts a node whose journal and simulated networks' log are in the PostgreSQL database of
    /// <paramref name="connectionString"/> (so <see cref="NetworksPath"/> is empty: the log is a table there).
    /// </summary>
    public static Task<ServerProcess> StartOnPostgresAsync(string connectionString, params string[] extraArgs) =>
        StartNodeAsync(string.Empty, ["--provider", "postgres", "--connection-string", connectionString, .. extraArgs]);

    /// <summary>
    /// As <see cref="StartOnPostgresAsync"/>, with the process run as the unprivileged user <see cref="LoopbackPartition.NodeUser"/>,
    /// so that firewall rules can tell its packets from the other nodes' (<see cref="LoopbackPartition"/>).
    /// </summary>
    public static Task<ServerProcess> StartOnPostgresAsOwnUserAsync(string connectionString, params string[] extraArgs) =>
        StartNodeAsync(string.Empty, ["--provider", "postgres", "--connection-string", connectionString, .. extraArgs], ownUser: true);

    /// <summary>
    /// As <see cref="StartOnPostgresAsync"/>, with the server built in <paramref name="serverDirectory"/> (another
    /// build of the server, such as the previous one in a rolling upgrade) instead of this test's.
    /// </summary>
    public static Task<ServerProcess> StartBuildOnPostgresAsync(string serverDirectory, string connectionString, params string[] extraArgs) =>
        StartNodeAsync(string.Empty, ["--provider", "postgres", "--connection-string", connectionString, .. extraArgs], serverDirectory);

    private static async Task<ServerProcess> StartNodeAsync(string networksPath, string[] storageAndExtraArgs, string? serverDirectory = null, string waitFor = "/health/ready", bool ownUser = false)
    {
        var httpPort = FreeLoopbackPort();
        var adminPort = FreeLoopbackPort();
        serverDirectory ??= AppContext.BaseDirectory;
        var serverDll = Path.Combine(serverDirectory, "PublishingCluster.Server.dll");
        var cmdPortAt = Array.IndexOf(storageAndExtraArgs, "--cmd-port");
        var commandPort = cmdPortAt >= 0 ? int.Parse(storageAndExtraArgs[cmdPortAt + 1], System.Globalization.CultureInfo.InvariantCulture) : FreeLoopbackPort();
        DirectoryInfo? home = null;
        var start = new ProcessStartInfo(ownUser ? "setpriv" : "dotnet")
        {
            WorkingDirectory = serverDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (ownUser)
        {
            foreach (var arg in LoopbackPartition.RunAsNodeUser())
            {
                start.ArgumentList.Add(arg);
            }

            start.ArgumentList.Add("dotnet");
            home = Directory.CreateTempSubdirectory("publishingcluster-node-home-");
            if (!OperatingSystem.IsWindows())
            {
                // The node's user must be able to write its home.
                File.SetUnixFileMode(home.FullName, (UnixFileMode)0x1FF);
            }
            start.Environment["HOME"] = home.FullName;
            start.Environment["DOTNET_CLI_HOME"] = home.FullName;
        }

        var ownCommandPort = cmdPortAt >= 0 ? [] : new[] { "--cmd-port", commandPort.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var arg in new[] { serverDll, "--urls", $"http://127.0.0.1:{httpPort}", "--admin-urls", $"http://127.0.0.1:{adminPort}", "--node-port", "0" }.Concat(ownCommandPort).Concat(storageAndExtraArgs))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server process.");
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{httpPort}"), new Uri($"http://127.0.0.1:{adminPort}"), networksPath, commandPort);
        server._home = home;
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilAsync(waitFor);
        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilAsync(string health)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // Waiting for the exit also waits for the output still in the pipes, so the message has the reason.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"The server exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync(health);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The server did not answer {health} within 90 s:\n{Output}");
    }

    public static string NetworksPathFor(string databasePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "networks.db");

    /// <summary>
    /// Asks the node to stop (SIGTERM, as a service manager does): it leaves the cluster, hands its shards off and
    /// exits. Waits for the exit; a node still running after <paramref name="timeout"/> fails the test.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The node did not stop within {timeout.TotalSeconds:0} s of SIGTERM:\n{Output}");
        }
    }

    /// <summary>Freezes the node (SIGSTOP), as a long pause or a stopped VM would: it does nothing until <see cref="ResumeAsync"/>.</summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    /// <summary>Thaws a node frozen by <see cref="PauseAsync"/> (SIGCONT): it carries on where it stopped.</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    /// <summary>Whether the process has exited (a node that learns it was downed stops).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Kills the node at once (SIGKILL): no shutdown, no flush, as when a machine dies.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>A free loopback port for a server to bind (see <see cref="PublishingCluster.Testing.LoopbackPorts"/>).</summary>
    public static int FreeLoopbackPort() => PublishingCluster.Testing.LoopbackPorts.Free();

    public async ValueTask DisposeAsync()
    {
        await DisposeProcessAsync();
        if (_home is { Exists: true })
        {
            _home.Delete(recursive: true);
        }
    }

    private async ValueTask DisposeProcessAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
