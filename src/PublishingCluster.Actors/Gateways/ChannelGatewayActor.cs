using Akka.Actor;
using Akka.Event;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Standing;
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
/// <para>
/// Right before each call it asks the node's <see cref="SendPermit"/>: while the node may not send (its lease is
/// stale after a pause, or a downed node's lease still lives) requests wait here; once the node was downed they are
/// dropped, since its accounts have moved and their new nodes look each post up before sending it again.
/// </para>
/// </summary>
public sealed class ChannelGatewayActor : ReceiveActor, IWithTimers
{
    /// <summary>How often a gateway holding requests asks the permit again.</summary>
    public static readonly TimeSpan PermitRecheck = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How far a network's clock may differ from the node's: a search for a post whose answer was lost starts this
    /// much before the send, so that a network stamping it a little earlier still finds it.
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly IChannelAdapter _adapter;
    private readonly IActorRef _accounts;
    private readonly TimeProvider _clock;
    private readonly int _maxInFlight;
    private readonly PublishingMetrics _metrics;
    private readonly SendPermit _permit;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Queue<object> _waiting = new();
    private int _inFlight;
    private long _sent;
    private bool _paused;
    private string? _heldBecause;

    public ChannelGatewayActor(IChannelAdapter adapter, IActorRef accounts, TimeProvider clock, int maxInFlight, PublishingMetrics? metrics = null, SendPermit? permit = null)
    {
        _adapter = adapter;
        _accounts = accounts;
        _clock = clock;
        _maxInFlight = maxInFlight;
        _metrics = metrics ?? PublishingMetrics.None;
        _permit = permit ?? SendPermit.WithoutLease();

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
        Receive<RecheckPermit>(_ => Drain());
        Receive<GetGatewayStatus>(_ => Sender.Tell(new GatewayStatus(_adapter.Network, _paused, _inFlight, _waiting.Count, _sent)));
        Receive<GetWaitingSends>(query => Sender.Tell(new WaitingSends(_adapter.Network, [.. _waiting.OfType<SendToNetwork>().Take(query.Limit)], _waiting.Count)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(IChannelAdapter adapter, IActorRef accounts, TimeProvider clock, int maxInFlight = 32, PublishingMetrics? metrics = null, SendPermit? permit = null) =>
        Props.Create(() => new ChannelGatewayActor(adapter, accounts, clock, maxInFlight, metrics, permit));

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
        while (!_paused && _inFlight < _maxInFlight && _waiting.Count > 0)
        {
            if (!MaySend())
            {
                return;
            }

            var request = _waiting.Dequeue();
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

    /// <summary>
    /// Asked right before every call, so that no call starts after the node lost its accounts. Holding, the gateway
    /// asks again shortly; revoked, it drops what it holds.
    /// </summary>
    private bool MaySend()
    {
        if (_permit.Allows(out var because))
        {
            if (_heldBecause is not null)
            {
                _log.Info("{0}: sending again ({1} waiting).", _adapter.Network, _waiting.Count);
                _heldBecause = null;
            }

            return true;
        }

        if (_permit.IsRevoked)
        {
            var sends = _waiting.Count(r => r is SendToNetwork);
            _metrics.VariantsWaiting(_adapter.Network, -sends);
            _log.Warning("{0}: dropped {1} waiting requests ({2} sends) unsent: {3}.", _adapter.Network, _waiting.Count, sends, because);
            _waiting.Clear();
            return false;
        }

        if (_heldBecause is null)
        {
            _log.Info("{0}: {1} requests wait: {2}.", _adapter.Network, _waiting.Count, because);
        }

        _heldBecause = because;
        if (!Timers.IsTimerActive(nameof(RecheckPermit)))
        {
            Timers.StartSingleTimer(nameof(RecheckPermit), RecheckPermit.Instance, PermitRecheck);
        }

        return false;
    }

    private async Task<object> SendAsync(SendToNetwork send)
    {
        var now = _clock.GetUtcNow();
        PublishOutcome outcome;
        try
        {
            outcome = await _adapter.PublishAsync(
                new PublishRequest(send.IdempotencyKey, send.Network, send.Handle, send.Text, send.Media, now, new ChannelAddress(send.AccountId, send.ChannelId)),
                CancellationToken.None);
        }
        catch (Exception e) when (e is TimeoutException or IOException or HttpRequestException or OperationCanceledException)
        {
            // The answer was lost: the post may be on the network. Ask before anyone resends.
            outcome = await LookupAfterLostAnswerAsync(send, e, now);
        }

        return new PublishAnswered(send.AccountId, send.PostId, send.ChannelId, outcome, _clock.GetUtcNow());
    }

    private async Task<PublishOutcome> LookupAfterLostAnswerAsync(SendToNetwork send, Exception lost, DateTimeOffset sentAt)
    {
        try
        {
            var request = new LookupRequest(send.IdempotencyKey, _clock.GetUtcNow(), new ChannelAddress(send.AccountId, send.ChannelId), send.Text, sentAt - ClockSkew);
            return await _adapter.LookupAsync(request, CancellationToken.None) switch
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
            var request = new LookupRequest(lookup.IdempotencyKey, _clock.GetUtcNow(), new ChannelAddress(lookup.AccountId, lookup.ChannelId), lookup.Text, lookup.SentAfter);
            outcome = await _adapter.LookupAsync(request, CancellationToken.None);
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

    private sealed record RecheckPermit
    {
        public static readonly RecheckPermit Instance = new();
    }
}
