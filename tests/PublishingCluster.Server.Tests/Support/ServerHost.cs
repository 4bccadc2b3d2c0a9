using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PublishingCluster.Server.Tests.Support;

/// <summary>
/// A real server (the production Program) on a real SQLite file, reached over in-memory HTTP.
/// Disposing it stops the node; a new host on the same file is the same server restarted.
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    public const string OperatorToken = "test-operator-token-0123456789";

    private ServerHost(string databasePath, IReadOnlyDictionary<string, string?> settings, TimeProvider? clock)
    {
        DatabasePath = databasePath;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Node:Database", databasePath);
            web.UseSetting("Networks:Database", ServerProcess.NetworksPathFor(databasePath));
            web.UseSetting("Node:Port", "0");
            // Any free port for the command endpoint: hosts in parallel must not contend for 9110.
            web.UseSetting("Commands:Port", "0");
            web.UseSetting("Node:OperatorToken", OperatorToken);
            // Tests fire requests far faster than any client; RateLimitTests sets its own limits.
            web.UseSetting("Node:RateLimitPerSecond", "1000000");
            web.UseSetting("Node:RateLimitBurst", "1000000");
            // In-memory requests share one client address; FailedAuthenticationTests limits failures over real HTTP.
            web.UseSetting("Node:AuthFailureLimit", "1000000");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            if (clock is not null)
            {
                // The node's one clock: HTTP requests, the coordinators' beat and the gateways all read it.
                web.ConfigureServices(services => services.AddSingleton(clock));
            }
        });
        Client = _factory.CreateClient();
        Operator = CreateClient(OperatorToken);
    }

    public string DatabasePath { get; }

    /// <summary>The server's services, to read its route table.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>A client without credentials.</summary>
    public HttpClient Client { get; }

    /// <summary>A client holding the operator token.</summary>
    public HttpClient Operator { get; }

    /// <summary>Starts a node on <paramref name="databasePath"/> and waits until it reports ready.</summary>
    public static async Task<ServerHost> StartAsync(string databasePath, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var host = new ServerHost(databasePath, settings ?? new Dictionary<string, string?>(), clock);
        await host.WaitUntilReadyAsync();
        return host;
    }

    /// <summary>A client that sends <paramref name="token"/> as its bearer token (null: none).</summary>
    public HttpClient CreateClient(string? token)
    {
        var client = _factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>
    /// A GET with its Authorization header exactly as given, straight into the server (an HttpClient would parse the
    /// header and write it back normalised); the status code it gets.
    /// </summary>
    public async Task<int> SendRawAsync(string path, string authorization)
    {
        var context = await _factory.Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Get;
            http.Request.Path = path;
            http.Request.Headers.Authorization = authorization;
        });
        return context.Response.StatusCode;
    }

    public async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpStatusCode last = default;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Client.GetAsync("/health/ready");
            last = response.StatusCode;
            if (last == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The server did not become ready within 60 s (last status {last}).");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Operator.Dispose();
        await _factory.DisposeAsync();
    }
}

/// <summary>A fresh folder for one test's database files, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "publishingcluster-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a stopping host; the OS temp cleaner removes it later.
        }
    }
}
