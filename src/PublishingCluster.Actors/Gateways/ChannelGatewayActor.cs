using Akka.Actor;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Telemetry;
using PublishingCluster.Channels;
using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Actors.Gateways;

/// <summary>
/// The node's door to one network: every account on the node sends through it, so it holds the network's
/// concurrency limit for the whole node (at most <c>maxInFlight</c> calls at once; the rest wait in order) and can
/// be paused during an outage without losing anything. It stamps answers with the node clock (it is an edge, like
/// HTTP) and sends them to the account's region, wherever the account lives by then.
/// <para>
/// A send whose answer never came (an exception, a timeout) may have been published: the gateway asks the network
/// by idempotency key before reporting a failure, so the account never resends blindly.
/// </para>
/// </summary>
public sealed class ChannelGatewayActor : ReceiveActor
{
    private readonly IChannelAdapter _adapter;
    private readonly IActorRef _accounts;
    private readonly TimeProvider _clock;
    private readonly int _maxInFlight;
    private readonly PublishingMetrics _metrics;
    private readonly Queue<object> _waiting = new();
    private int _inFlight;
    private long _sent;
    private bool _paused;

    public ChannelGatewayActor(IChannelAdapter adapter, IActorRef accounts, TimeProvider clock, int maxInFlight, PublishingMetrics? metrics = null)
    {
        _adapter = adapter;
        _accounts = accounts;
        _clock = clock;
        _maxInFlight = maxInFlight;
        _metrics = metrics ?? PublishingMetrics.None;

        Receive<SendToNetwork>(Enqueue);
        Receive<LookupOnNetwork>(Enqueue);
        Receive<Completed>(completed =>
        {
            _inFlight--;
            _accounts.Tell(completed.Answer);
            Drain();
        });
        Receive<PauseNetwork>(_ => _paused = true);
        Receive<ResumeNetwork>(_ =>
        {
            _paused = false;
            Drain();
        });
        Receive<GetGatewayStatus>(_ => Sender.Tell(new GatewayStatus(_adapter.Network, _paused, _inFlight, _waiting.Count, _sent)));
        Receive<GetWaitingSends>(query => Sender.Tell(new WaitingSends(_adapter.Network, [.. _waiting.OfType<SendToNetwork>().Take(query.Limit)], _waiting.Count)));
    }

    public static Props PropsFor(IChannelAdapter adapter, IActorRef accounts, TimeProvider clock, int maxInFlight = 32, PublishingMetrics? metrics = null) =>
        Props.Create(() => new ChannelGatewayActor(adapter, accounts, clock, maxInFlight, metrics));

    public static string NameFor(Network network) => $"gateway-{network.ToString().ToLowerInvariant()}";

    private void Enqueue(object request)
    {
        _waiting.Enqueue(request);
        if (request is SendToNetwork)
        {
            _metrics.VariantsWaiting(_adapter.Network, 1);
        }

        Drain();
    }

    /// <summary>What still waits when the gateway stops is no longer waiting here.</summary>
    protected override void PostStop()
    {
        var sends = 0;
        foreach (var request in _waiting)
        {
            sends += request is SendToNetwork ? 1 : 0;
        }

        _metrics.VariantsWaiting(_adapter.Network, -sends);
        base.PostStop();
    }

    private void Drain()
    {
        while (!_paused && _inFlight < _maxInFlight && _waiting.TryDequeue(out var request))
        {
            _inFlight++;
            _sent++;
            if (request is SendToNetwork)
            {
                _metrics.VariantsWaiting(_adapter.Network, -1);
            }

            var work = request switch
            {
                SendToNetwork send => SendAsync(send),
                LookupOnNetwork lookup => LookupAsync(lookup),
                _ => throw new InvalidOperationException($"Unexpected {request.GetType().Name}"),
            };
            var failed = request;
            work.PipeTo(Self, success: answer => new Completed(answer), failure: e => new Completed(Unexpected(failed, e)));
        }
    }

    private async Task<object> SendAsync(SendToNetwork send)
    {
        var now = _clock.GetUtcNow();
        PublishOutcome outcome;
        try
        {
            outcome = await _adapter.PublishAsync(new PublishRequest(send.IdempotencyKey, send.Network, send.Handle, send.Text, send.Media, now), CancellationToken.None);
        }
        catch (Exception e) when (e is TimeoutException or IOException or HttpRequestException or OperationCanceledException)
        {
            // The answer was lost: the post may be on the network. Ask before anyone resends.
            outcome = await LookupAfterLostAnswerAsync(send, e);
        }

        return new PublishAnswered(send.AccountId, send.PostId, send.ChannelId, outcome, _clock.GetUtcNow());
    }

    private async Task<PublishOutcome> LookupAfterLostAnswerAsync(SendToNetwork send, Exception lost)
    {
        try
        {
            return await _adapter.LookupAsync(send.IdempotencyKey, _clock.GetUtcNow(), CancellationToken.None) switch
            {
                LookupOutcome.Found found => new PublishOutcome.Duplicate(found.ExternalId, found.At),
                _ => new PublishOutcome.Retryable($"No answer from {send.Network} ({lost.Message}) and the post is not there."),
            };
        }
        catch (Exception e) when (e is TimeoutException or IOException or HttpRequestException or OperationCanceledException)
        {
            return new PublishOutcome.Retryable($"No answer from {send.Network}: {e.Message}");
        }
    }

    private async Task<object> LookupAsync(LookupOnNetwork lookup)
    {
        LookupOutcome outcome;
        try
        {
            outcome = await _adapter.LookupAsync(lookup.IdempotencyKey, _clock.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception e) when (e is TimeoutException or IOException or HttpRequestException or OperationCanceledException)
        {
            outcome = new LookupOutcome.Unavailable(e.Message);
        }

        return new LookupAnswered(lookup.AccountId, lookup.PostId, lookup.ChannelId, outcome, _clock.GetUtcNow());
    }

    /// <summary>An adapter that threw something unforeseen: the account treats it as a passing failure (and asks before resending).</summary>
    private object Unexpected(object request, Exception e) => request switch
    {
        SendToNetwork send => new PublishAnswered(send.AccountId, send.PostId, send.ChannelId,
            new PublishOutcome.Retryable($"The {send.Network} adapter failed: {e.GetBaseException().Message}"), _clock.GetUtcNow()),
        LookupOnNetwork lookup => new LookupAnswered(lookup.AccountId, lookup.PostId, lookup.ChannelId,
            new LookupOutcome.Unavailable(e.GetBaseException().Message), _clock.GetUtcNow()),
        _ => throw new InvalidOperationException($"Unexpected {request.GetType().Name}", e),
    };

    private sealed record Completed(object Answer);
}
