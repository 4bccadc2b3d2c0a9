using System.Diagnostics;
using System.Text.RegularExpressions;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>The README's walk-through, run as written with bash and curl against a real server process.</summary>
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

    private static string WalkthroughFromReadme()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var match = WalkthroughBlock().Match(readme);
        Assert.True(match.Success, "README.md has no walk-through block between <!-- walkthrough:start --> and <!-- walkthrough:end -->.");
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
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-s");
        start.Environment["PC"] = server.BaseAddress.ToString().TrimEnd('/');
        start.Environment["PC_ADMIN"] = server.AdminAddress.ToString().TrimEnd('/');
        using var bash = Process.Start(start)!;
        await bash.StandardInput.WriteAsync(script);
        bash.StandardInput.Close();
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await bash.WaitForExitAsync(timeout.Token);
        return (bash.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"<!-- walkthrough:start -->\s*```bash\n(?<script>.*?)```\s*<!-- walkthrough:end -->", RegexOptions.Singleline)]
    private static partial Regex WalkthroughBlock();
}
