using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PublishingCluster.LoadTests.Scenarios;

/// <summary>
/// The server as its own process on loopback, started from the Release build beside the runner, on a fresh SQLite
/// file in a temporary folder. Disposing kills it and deletes the folder.
/// </summary>
public sealed class ServerUnderTest : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _output = new();

    private ServerUnderTest(Process process, string folder, Uri baseAddress, Uri adminAddress, string networksPath)
    {
        _process = process;
        _folder = folder;
        BaseAddress = baseAddress;
        AdminAddress = adminAddress;
        NetworksPath = networksPath;
    }

    public Uri BaseAddress { get; }

    /// <summary>The admin listener, where a loopback caller is the operator.</summary>
    public Uri AdminAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>The node's SQLite journal (used when the provider is SQLite, the default).</summary>
    public string DatabasePath => Path.Combine(_folder, "load.db");

    /// <summary>The simulated networks' publication log of this server (shared by the nodes of a cluster).</summary>
    public string NetworksPath { get; }

    /// <summary>
    /// CPU time (user + system) the server has used so far. On Linux .NET reads it from /proc/{pid}/stat, so this
    /// is what the kernel charged the process, JIT and GC threads included.
    /// </summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <param name="networksPath">The simulated networks' log; by default a file of this node's own.</param>
    /// <param name="extraArgs">Flags after the defaults; a flag given again here wins (e.g. --node-port).</param>
    public static async Task<ServerUnderTest> StartAsync(IEnumerable<string> extraArgs, CancellationToken cancellationToken, string? networksPath = null)
    {
        var folder = Directory.CreateTempSubdirectory("publishingcluster-load-").FullName;
        networksPath ??= Path.Combine(folder, "networks.db");
        var httpPort = FreeLoopbackPort();
        var adminPort = FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "PublishingCluster.Server.dll"),
            "--urls", $"http://127.0.0.1:{httpPort}",
            "--admin-urls", $"http://127.0.0.1:{adminPort}",
            "--database", Path.Combine(folder, "load.db"), // DatabasePath
            "--networks-db", networksPath,
            "--node-port", "0",
            "--cmd-port", "0",
            .. extraArgs,
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Request logging at Information would cost the server more than the requests themselves.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server process.");
        var server = new ServerUnderTest(process, folder, new Uri($"http://127.0.0.1:{httpPort}"), new Uri($"http://127.0.0.1:{adminPort}"), networksPath);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilReadyAsync(cancellationToken);
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
            // Keep the tail only: a long run at Warning level still should not grow without bound.
            if (_output.Length > 64 * 1024)
            {
                _output.Remove(0, _output.Length - 32 * 1024);
            }

            _output.AppendLine(line);
        }
    }

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

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await probe.GetAsync("/health/ready", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"The server did not become ready within 90 s:\n{Output}");
    }

    /// <summary>A free loopback port for a server to bind (see <see cref="PublishingCluster.Testing.LoopbackPorts"/>).</summary>
    public static int FreeLoopbackPort() => PublishingCluster.Testing.LoopbackPorts.Free();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the dying process: the folder is under the temp directory anyway.
        }
    }
}
