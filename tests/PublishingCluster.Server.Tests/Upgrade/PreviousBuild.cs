using System.Diagnostics;

namespace PublishingCluster.Server.Tests.Upgrade;

/// <summary>
/// The server as an earlier commit of this repository built it: checked out with <c>git worktree add</c> into a
/// temporary folder and built there, once per commit (the build is kept under the temporary folder and reused by
/// later runs, since a commit's build does not change). Needs the repository's history, which a clone has.
/// </summary>
public static class PreviousBuild
{
    /// <summary>The last commit before the cluster protocol serializer: its nodes speak Akka's default JSON only.</summary>
    public const string BeforeClusterProtocolSerializer = "5907305";

    private static readonly SemaphoreSlim OneBuildAtATime = new(1, 1);

    /// <summary>The folder holding PublishingCluster.Server.dll (and its hocon/) of <paramref name="commit"/>.</summary>
    public static async Task<string> ServerOfAsync(string commit)
    {
        await OneBuildAtATime.WaitAsync();
        try
        {
            var root = RepositoryRoot();
            var full = (await RunAsync("git", root, TimeSpan.FromMinutes(1), "rev-parse", "--verify", $"{commit}^{{commit}}")).Trim();
            var cache = Path.Combine(Path.GetTempPath(), $"publishingcluster-build-{full[..12]}");
            var server = Path.Combine(cache, "server");
            var built = Path.Combine(cache, "built");
            if (File.Exists(built) && File.Exists(Path.Combine(server, "PublishingCluster.Server.dll")))
            {
                return server;
            }

            var source = Path.Combine(cache, "source");
            if (Directory.Exists(source))
            {
                // A build that stopped half way: start it again from a clean checkout.
                await RunAsync("git", root, TimeSpan.FromMinutes(1), "worktree", "remove", "--force", source);
            }

            await RunAsync("git", root, TimeSpan.FromMinutes(2), "worktree", "add", "--detach", source, full);
            try
            {
                await RunAsync("dotnet", source, TimeSpan.FromMinutes(20), "build", Path.Combine("src", "PublishingCluster.Server"), "-c", "Release", "-o", server);
            }
            finally
            {
                await RunAsync("git", root, TimeSpan.FromMinutes(1), "worktree", "remove", "--force", source);
            }

            await File.WriteAllTextAsync(built, full);
            return server;
        }
        finally
        {
            OneBuildAtATime.Release();
        }
    }

    /// <summary>
    /// This build's server as its own project builds it (src/PublishingCluster.Server/bin/&lt;configuration&gt;/net10.0),
    /// not the copy in the test's output: the test project brings a newer Newtonsoft.Json than the server ships
    /// (13.0.3 against Akka's 13.0.1), and the two write and read some values differently (a TimeOnly is "09:00" in
    /// one and "09:00:00" in the other), so a node run from the test's output cannot read Akka's default JSON from
    /// a node of the previous build, where the real server can.
    /// </summary>
    public static string ThisServer()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var server = Path.Combine(RepositoryRoot(), "src", "PublishingCluster.Server", "bin", configuration, "net10.0");
        if (!File.Exists(Path.Combine(server, "PublishingCluster.Server.dll")))
        {
            throw new FileNotFoundException($"The server is not built in {server}; build tests/PublishingCluster.Server.Tests, which builds it.");
        }

        return server;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PublishingCluster.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No PublishingCluster.sln above {AppContext.BaseDirectory}.");
    }

    private static async Task<string> RunAsync(string program, string directory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {timeout.TotalMinutes:0} minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}\n{await errors}");
        }

        return await output;
    }
}
