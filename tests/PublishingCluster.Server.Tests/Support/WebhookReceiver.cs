using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace PublishingCluster.Server.Tests.Support;

/// <summary>
/// A webhook receiver on loopback, as an agency's would be: it records what it was sent, and answers 500 to the
/// first <see cref="Refusals"/> calls to play an outage.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private WebhookReceiver(WebApplication app) => _app = app;

    public int Refusals { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Every accepted call: its Idempotency-Key and body.</summary>
    public ConcurrentQueue<(string? Key, JsonNode Body)> Accepted { get; } = new();

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/escalations", async (HttpRequest request) =>
        {
            var call = Interlocked.Increment(ref receiver._calls);
            var body = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!;
            if (call <= receiver.Refusals)
            {
                return Results.StatusCode(StatusCodes.Status500InternalServerError);
            }

            receiver.Accepted.Enqueue((request.Headers["Idempotency-Key"].ToString(), body));
            return Results.NoContent();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hooks/escalations");
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
