using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PublishingCluster.LoadTests.Scenarios;

/// <summary>A notification as the webhook received it, with the runner's clock reading at its arrival.</summary>
public sealed record ReceivedNotification(string Id, string AccountId, string Kind, string Message, long ArrivedAt);

/// <summary>
/// The agency's webhook, played by the runner on loopback: the server under test is started with
/// <c>--webhook-url</c> pointing here, and every notification it POSTs is timed on arrival and handed to the
/// scenario. A notification id seen twice (delivery is at-least-once) is counted, not handed over again.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private long _repeats;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Deliveries of a notification already received (the server's retry after an answer it did not get).</summary>
    public long Repeats => Interlocked.Read(ref _repeats);

    public static async Task<WebhookReceiver> StartAsync(Action<ReceivedNotification> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/escalations", async (HttpRequest request) =>
        {
            var arrivedAt = Stopwatch.GetTimestamp();
            var body = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync());
            var id = body?["id"]?.GetValue<string>() ?? request.Headers["Idempotency-Key"].ToString();
            if (!receiver._seen.TryAdd(id, 0))
            {
                Interlocked.Increment(ref receiver._repeats);
                return Results.NoContent();
            }

            received(new ReceivedNotification(
                id,
                body?["accountId"]?.GetValue<string>() ?? string.Empty,
                body?["kind"]?.GetValue<string>() ?? string.Empty,
                body?["message"]?.GetValue<string>() ?? string.Empty,
                arrivedAt));
            return Results.NoContent();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hooks/escalations");
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
