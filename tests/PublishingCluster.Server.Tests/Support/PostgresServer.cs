using System.Diagnostics;

namespace PublishingCluster.Server.Tests.Support;

/// <summary>
/// A PostgreSQL server of the tests' own, started by tests/postgres.sh in a temporary folder on a free loopback port
/// (installing PostgreSQL with apt-get where it is missing), stopped and removed when the tests that share it end.
/// Each test takes a fresh database on it.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private int _databases;

    public int Port { get; private set; }

    private string DataFolder => _folder.File("postgres");

    public async Task InitializeAsync()
    {
        var output = await RunScriptAsync("start", DataFolder);
        Port = int.Parse(output.Trim().Split('\n')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..30];
        await RunScriptAsync("createdb", DataFolder, name);
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Maximum Pool Size=30";

    public async Task DisposeAsync()
    {
        try
        {
            await RunScriptAsync("stop", DataFolder);
        }
        finally
        {
            _folder.Dispose();
        }
    }

    private static async Task<string> RunScriptAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "tests", "postgres.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Generous: a machine without PostgreSQL installs it first.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tests/postgres.sh {string.Join(' ', args)} failed ({process.ExitCode}):\n{await stdout}{await stderr}");
        }

        return await stdout;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PublishingCluster.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("The repository root (PublishingCluster.sln) is not above the test binaries.");
    }
}

/// <summary>The tests that run clusters on PostgreSQL share one server and run one after another (each starts three nodes).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL cluster";
}
