using System.CommandLine.Help;
using PublishingCluster.LoadTests.Reports;
using PublishingCluster.LoadTests.Scenarios;

namespace PublishingCluster.LoadTests;

/// <summary>
/// Runs the named scenarios one after another, writes report.md, report.html and report.csv, and exits non-zero when a
/// scenario's threshold failed (1) or a scenario could not run at all (3).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var command = new RunCommand();
        var parsed = command.Root.Parse(args);
        if (parsed.Action is HelpAction)
        {
            return await parsed.InvokeAsync();
        }

        RunOptions options;
        try
        {
            options = command.Read(parsed);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"{e.Message} (--help lists the scenarios and flags)");
            return 2;
        }

        var scenarios = new List<Scenario>();
        foreach (var name in options.Scenarios)
        {
            switch (name)
            {
                case "accepted-commands":
                    scenarios.Add(HttpApiScenarios.AcceptedCommands(options));
                    break;
                case "account-reads":
                    scenarios.Add(HttpApiScenarios.AccountReads(options));
                    break;
                case "journal-commands":
                    scenarios.Add(JournalCommandsScenario.Create(options));
                    break;
                case "cold-recovery":
                    scenarios.AddRange(ColdRecoveryScenarios.All(options));
                    break;
                case TopOfTheHour.Name:
                    scenarios.Add(TopOfTheHour.Create(options));
                    break;
                case AgencyDay.Name:
                    scenarios.Add(AgencyDay.Create(options));
                    break;
                case EngagementFirehose.Name:
                    scenarios.Add(EngagementFirehose.Create(options));
                    break;
                case MonthEnd.Name:
                    scenarios.Add(MonthEnd.Create(options));
                    break;
                case AccountMemory.Name:
                    scenarios.Add(AccountMemory.Create(options));
                    break;
                default:
                    Console.Error.WriteLine($"Unknown scenario '{name}' (--help lists the scenarios).");
                    return 2;
            }
        }

        // Ctrl+C stops the run early; the scenarios' tear-down still runs and the report holds what was measured.
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        var results = new List<StepStats>();
        var crashed = new List<string>();
        foreach (var scenario in scenarios)
        {
            try
            {
                results.AddRange(await ScenarioRunner.RunAsync(scenario, stop.Token));
            }
            catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                // A scenario that could not run (a server that would not start, a set-up request refused) is reported,
                // and the others still run.
                Console.Error.WriteLine($"[{scenario.Name}] could not run: {e}");
                crashed.Add($"{scenario.Name}: {e.GetType().Name}: {e.Message}");
            }
        }

        var checks = scenarios.SelectMany(s => s.Thresholds.SelectMany(t => t.Check(s.Name, results))).ToList();
        var folder = options.OutFolder ?? Path.Combine(RepositoryRoot(), "load-tests", "reports", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        Console.WriteLine(MarkdownReport.Write(folder, results, checks, crashed, args));
        Console.WriteLine(HtmlReport.Write(folder, results, checks, crashed, args));
        Console.WriteLine(CsvReport.Write(folder, results));

        foreach (var check in checks.Where(c => !c.Passed))
        {
            Console.Error.WriteLine($"threshold failed: {check}");
        }

        if (crashed.Count > 0)
        {
            Console.Error.WriteLine($"{crashed.Count} scenario(s) could not run: {string.Join("; ", crashed)}");
            return 3;
        }

        if (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("Stopped early: thresholds not judged.");
            return 1;
        }

        var failed = checks.Count(c => !c.Passed);
        Console.WriteLine(failed == 0 ? $"All {checks.Count} thresholds passed." : $"{failed} of {checks.Count} thresholds failed.");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>The folder holding PublishingCluster.sln above the working directory, so reports land in the same place wherever the runner starts.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PublishingCluster.sln")))
            {
                return folder.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
