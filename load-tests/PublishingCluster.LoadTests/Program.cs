using PublishingCluster.LoadTests.Reports;
using PublishingCluster.LoadTests.Scenarios;

namespace PublishingCluster.LoadTests;

/// <summary>Runs the named scenarios one after another and writes report.md and report.csv.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        RunOptions options;
        try
        {
            options = RunOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(RunOptions.Usage);
            return 2;
        }

        var scenarios = new List<Scenario>();
        var measurements = new List<Func<CancellationToken, Task<string>>>();
        foreach (var name in options.Scenarios)
        {
            switch (name)
            {
                case "top-of-hour":
                    measurements.Add(ct => TopOfTheHour.RunAsync(options, ct));
                    break;
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
                default:
                    Console.Error.WriteLine($"Unknown scenario '{name}'.");
                    Console.Error.WriteLine(RunOptions.Usage);
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
        foreach (var scenario in scenarios)
        {
            results.AddRange(await ScenarioRunner.RunAsync(scenario, stop.Token));
        }

        // One-shot measurements (a spike, not a steady load) report their own section.
        var sections = new List<string>();
        foreach (var measure in measurements)
        {
            sections.Add(await measure(stop.Token));
        }

        var folder = options.OutFolder ?? Path.Combine(RepositoryRoot(), "load-tests", "reports", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var report = MarkdownReport.Write(folder, results, args);
        foreach (var section in sections)
        {
            File.AppendAllText(report, Environment.NewLine + section);
            Console.WriteLine(section);
        }

        Console.WriteLine(report);
        Console.WriteLine(CsvReport.Write(folder, results));
        return 0;
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
