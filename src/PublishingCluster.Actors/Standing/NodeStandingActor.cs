using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace PublishingCluster.Actors.Standing;

/// <summary>
/// Keeps the node's <see cref="SendPermit"/>: renews the node's lease (when the cluster shares a database), revokes the
/// leases of nodes the cluster downs or removes, and closes the permit for good when this node learns that it was
/// downed or removed, or that its lease was revoked.
/// <para>
/// Why: a node that freezes (a long pause, a stopped VM) or is cut off is downed by the others while its accounts
/// move to them; if it then wakes and sends what it had queued, a post can go out twice. The lease makes that
/// impossible up to the moment of the call itself: the node sends only while its renewal is fresh, the survivors send
/// nothing while the downed node's lease lives, and a revoked lease cannot be renewed. docs/architecture.md
/// ("Sending safely across pauses and partitions") gives the argument and the windows that remain.
/// </para>
/// </summary>
public sealed class NodeStandingActor : ReceiveActor, IWithTimers
{
    /// <summary>How long a revocation waits for this node's own events of the same change (see <see cref="Gone"/>).</summary>
    private static readonly TimeSpan RevocationDelay = TimeSpan.FromMilliseconds(500);

    private readonly SendPermit _permit;
    private readonly INodeLeases? _leases;
    private readonly TimeSpan _renewEvery;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<string> _gone = new(StringComparer.Ordinal);
    private readonly string _self;
    private bool _renewing;
    private int _failedRenewals;
    private string? _lastBlock;

    public NodeStandingActor(SendPermit permit, INodeLeases? leases, TimeSpan renewEvery)
    {
        _permit = permit;
        _leases = permit.NeedsLease ? leases ?? throw new ArgumentNullException(nameof(leases), "A permit on lease needs the leases.") : null;
        _renewEvery = renewEvery;
        _self = LeaseHolder(_cluster.SelfUniqueAddress);

        Receive<ClusterEvent.MemberDowned>(m => Gone(m.Member, "was downed by the cluster"));
        Receive<ClusterEvent.MemberRemoved>(m => Gone(m.Member, m.PreviousStatus == MemberStatus.Exiting ? "left the cluster" : "was removed from the cluster"));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<RenewLease>(_ => Renew());
        Receive<LeaseRenewed>(Renewed);
        Receive<LeaseNotRenewed>(NotRenewed);
        Receive<LeaseRevoked>(_ => { });
        Receive<RevokeLease>(Revoke);
        Receive<GetSendPermit>(_ => Sender.Tell(new SendPermitState(_permit.Allows(out var because), because, _self)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(SendPermit permit, INodeLeases? leases, TimeSpan renewEvery) =>
        Props.Create(() => new NodeStandingActor(permit, leases, renewEvery));

    /// <summary>The name of one incarnation of a node in the leases: a node restarted on the same address is another holder.</summary>
    public static string LeaseHolder(UniqueAddress node) => $"{node.Address}#{node.Uid}";

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));
        if (_leases is not null)
        {
            Timers.StartPeriodicTimer(nameof(RenewLease), RenewLease.Instance, TimeSpan.Zero, _renewEvery);
        }
    }

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void Gone(Member member, string what)
    {
        if (member.UniqueAddress.Equals(_cluster.SelfUniqueAddress))
        {
            if (!_permit.IsRevoked)
            {
                _permit.Revoke($"this node {what}");
                // A node that left in good order says so quietly; one the cluster put out is worth a warning.
                const string Said = "This node {0}: it sends nothing more to the networks; what its gateways hold is dropped, and the accounts' new nodes look each post up before sending it again.";
                if (what == "left the cluster")
                {
                    _log.Info(Said, what);
                }
                else
                {
                    _log.Warning(Said, what);
                }
            }

            if (_leases is not null)
            {
                // Nothing more is sent here, so the others need not wait for the lease to run out.
                _leases.ReleaseAsync(_self, CancellationToken.None).PipeTo(Self, success: () => LeaseRevoked.Instance, failure: _ => LeaseRevoked.Instance);
            }

            return;
        }

        var holder = LeaseHolder(member.UniqueAddress);
        if (!InGoodStanding() || !_gone.Add(holder) || _leases is null)
        {
            return;
        }

        // Its accounts move here only after it is removed, which every node sees after this; the next renewal lifts
        // the block once its lease has run out.
        _permit.Block($"{holder} {what}; its lease may still be live");
        // A node that is itself going (downed with the others, or shutting down, when it sees every other member
        // removed) must not revoke the others' leases: the events of one change arrive together but in no set order,
        // so the revocation waits a moment for this node's own event.
        Timers.StartSingleTimer($"revoke {holder}", new RevokeLease(holder), RevocationDelay);
    }

    private void Revoke(RevokeLease revoke)
    {
        if (!InGoodStanding() || _leases is null)
        {
            return;
        }

        // Until the lease runs out, the gone node may still send for the accounts that are moving here; revoked, it
        // cannot renew it.
        _leases.RevokeAsync(revoke.Holder, CancellationToken.None).PipeTo(Self, success: () => LeaseRevoked.Instance, failure: e =>
        {
            _log.Warning("Could not revoke the lease of {0}: {1}", revoke.Holder, e.Message);
            return LeaseRevoked.Instance;
        });
    }

    /// <summary>Whether this node is a member that may judge the others: not revoked, and up (or leaving in good order).</summary>
    private bool InGoodStanding() =>
        !_permit.IsRevoked && _cluster.SelfMember.Status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.WeaklyUp;

    private void Renew()
    {
        if (_renewing || _leases is null || _permit.IsRevoked)
        {
            return;
        }

        _renewing = true;
        var askedAt = _permit.Now();
        var timeout = new CancellationTokenSource(_permit.ValidFor);
        _leases.RenewAsync(_self, _permit.ValidFor, timeout.Token)
            .ContinueWith(t =>
            {
                timeout.Dispose();
                return t.IsCompletedSuccessfully ? (object)new LeaseRenewed(askedAt, t.Result) : new LeaseNotRenewed(t.Exception?.GetBaseException().Message ?? "cancelled");
            }, TaskScheduler.Default)
            .PipeTo(Self);
    }

    private void Renewed(LeaseRenewed renewed)
    {
        _renewing = false;
        _failedRenewals = 0;
        if (_permit.IsRevoked)
        {
            return;
        }

        if (!renewed.Round.Renewed)
        {
            _permit.Revoke("this node's lease was revoked: the cluster downed it");
            _log.Warning("This node's lease was revoked (the cluster downed it while it was paused or cut off): it sends nothing more to the networks.");
            return;
        }

        var blockers = renewed.Round.LiveLeases.Where(l => l.Revoked || _gone.Contains(l.Node)).ToList();
        foreach (var unrevoked in blockers.Where(b => !b.Revoked && !Timers.IsTimerActive($"revoke {b.Node}")))
        {
            // A revocation that failed when the node was downed is tried again, or the gone node could renew for ever.
            Self.Tell(new RevokeLease(unrevoked.Node));
        }

        var block = blockers.Count == 0
            ? null
            : $"a downed node may still send until its lease runs out ({string.Join(", ", blockers.Select(b => $"{b.Node} in {b.RunsOutIn.TotalSeconds:0.0} s"))})";
        _permit.Confirm(renewed.AskedAt, block);
        if (block is not null && _lastBlock is null)
        {
            _log.Info("Sends wait: {0}", block);
        }

        _lastBlock = block;
    }

    private void NotRenewed(LeaseNotRenewed failure)
    {
        _renewing = false;
        if (_failedRenewals++ == 0)
        {
            // Once per streak: the permit closes by itself when the last renewal grows too old.
            _log.Warning("Could not renew this node's lease ({0}); sends stop once the last renewal is {1} s old.", failure.Reason, _permit.ValidFor.TotalSeconds);
        }
    }

    private sealed record RenewLease
    {
        public static readonly RenewLease Instance = new();
    }

    private sealed record RevokeLease(string Holder);

    private sealed record LeaseRenewed(long AskedAt, LeaseRound Round);

    private sealed record LeaseNotRenewed(string Reason);

    private sealed record LeaseRevoked
    {
        public static readonly LeaseRevoked Instance = new();
    }
}
