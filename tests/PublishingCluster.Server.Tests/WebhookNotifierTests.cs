using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Configuration;
using PublishingCluster.Actors.Notifications;
using PublishingCluster.Actors.Telemetry;
using PublishingCluster.Server.Notifications;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>The webhook notifier against a real receiver over loopback HTTP, driven by the dispatcher.</summary>
public sealed class WebhookNotifierTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private ActorSystem _system = null!;
    private WebhookReceiver _receiver = null!;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task InitializeAsync()
    {
        _system = ActorSystem.Create("webhook-test", ConfigurationFactory.ParseString("""
            akka.loglevel = ERROR
            akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            """));
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _system.Terminate();
        await _receiver.DisposeAsync();
        _http.Dispose();
    }

    private sealed class Facts(params string[] ids) : INotificationSource
    {
        public Task<IReadOnlyList<StoredFact>> ReadAsync(long afterOffset, int max, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<StoredFact>>([.. ids.Select((id, i) => new StoredFact(i + 1, "account-acc-1", [], id)).Where(f => f.Offset > afterOffset).Take(max)]);
    }

    private IActorRef Dispatch(string name, params string[] ids) => _system.ActorOf(NotificationDispatcherActor.PropsFor(
        name,
        new Facts(ids),
        new WebhookNotifier(_http, _receiver.Url),
        fact => new Notification((string)fact.Event, "northwind", "acc-1", "SlaBreach", (string)fact.Event, $"Escalation {fact.Event}", At),
        new DispatchSettings(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5))));

    [Fact]
    public async Task A_receiver_that_fails_at_first_gets_each_notification_once_it_answers_and_never_twice()
    {
        _receiver.Refusals = 3;

        Dispatch("webhook", "esc-1", "esc-2", "esc-3");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_receiver.Accepted.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await Task.Delay(300); // time enough for any duplicate to arrive
        Assert.Equal(["esc-1", "esc-2", "esc-3"], _receiver.Accepted.Select(a => a.Key));
        Assert.Equal(6, _receiver.Calls);
        var first = _receiver.Accepted.First().Body;
        Assert.Equal("northwind", first["agencyId"]!.GetValue<string>());
        Assert.Equal("Escalation esc-1", first["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_receiver_answering_an_error_is_a_failure_and_a_bad_url_is_refused_at_start()
    {
        var notifier = new WebhookNotifier(_http, new Uri(_receiver.Url, "/no-such-hook"));
        var outcome = await notifier.NotifyAsync(new Notification("esc-x", "a", "acc", "k", "s", "m", At), CancellationToken.None);
        Assert.IsType<NotifyOutcome.Failed>(outcome);

        Assert.Throws<InvalidOperationException>(() => new NotificationOptions { WebhookUrl = "ftp://example.org/hook" }.WebhookUri());
        Assert.Throws<InvalidOperationException>(() => new NotificationOptions { WebhookUrl = "not a url" }.WebhookUri());
        Assert.Null(new NotificationOptions().WebhookUri());
    }

    [Fact]
    public async Task Every_failed_delivery_counts_an_error_answer_and_no_answer_alike_and_a_delivery_does_not()
    {
        using var meter = new Meter(PublishingMetrics.MeterName);
        var metrics = new PublishingMetrics(meter);
        long failed = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "publishingcluster.webhook.deliveries.failed")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => failed = value);
        listener.Start();
        long Failed()
        {
            listener.RecordObservableInstruments();
            return failed;
        }

        var notification = new Notification("esc-m", "a", "acc", "k", "s", "m", At);
        Assert.Equal(0, Failed());

        Assert.IsType<NotifyOutcome.Delivered>(await new WebhookNotifier(_http, _receiver.Url, metrics).NotifyAsync(notification, CancellationToken.None));
        Assert.Equal(0, Failed());

        Assert.IsType<NotifyOutcome.Failed>(await new WebhookNotifier(_http, new Uri(_receiver.Url, "/no-such-hook"), metrics).NotifyAsync(notification, CancellationToken.None));
        Assert.Equal(1, Failed());

        var closed = new Uri($"http://127.0.0.1:{ServerProcess.FreeLoopbackPort()}/hook");
        await Assert.ThrowsAsync<HttpRequestException>(() => new WebhookNotifier(_http, closed, metrics).NotifyAsync(notification, CancellationToken.None));
        Assert.Equal(2, Failed());
    }
}
