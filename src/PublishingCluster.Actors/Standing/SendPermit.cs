namespace PublishingCluster.Actors.Standing;

/// <summary>
/// Whether this node may send to the networks now: read by the channel gateways right before each call, written by
/// <see cref="NodeStandingActor"/>. A node may send only while it still holds its accounts. With a node lease (a
/// cluster on a shared database) that means: its lease was renewed less than <see cref="ValidFor"/> ago, counted on
/// the monotonic clock from before the renewal was asked, so the permit always closes before the lease runs out in
/// the database; and no node the cluster has downed still holds a live lease (its accounts may still be sent for
/// there). A node the cluster downed, or whose lease was revoked, never sends again.
/// <para>
/// Thread-safe: the gateways read it from their own threads.
/// </para>
/// </summary>
public sealed class SendPermit
{
    private readonly object _gate = new();
    private readonly TimeProvider _monotonic;
    private long? _confirmedAt;
    private string? _blockedBecause;
    private string? _revokedBecause;

    private SendPermit(bool needsLease, TimeSpan validFor, TimeProvider monotonic)
    {
        NeedsLease = needsLease;
        ValidFor = validFor;
        _monotonic = monotonic;
    }

    /// <summary>A permit for a node without a lease (one node on its own database, the simulator): open until revoked.</summary>
    public static SendPermit WithoutLease() => new(needsLease: false, TimeSpan.Zero, TimeProvider.System);

    /// <summary>A permit that opens only on renewals of the node's lease, each good for <paramref name="validFor"/>.</summary>
    public static SendPermit OnLease(TimeSpan validFor, TimeProvider? monotonic = null) =>
        validFor > TimeSpan.Zero
            ? new(needsLease: true, validFor, monotonic ?? TimeProvider.System)
            : throw new ArgumentOutOfRangeException(nameof(validFor), validFor, "A lease must be good for some time.");

    public bool NeedsLease { get; }

    /// <summary>How long a renewal keeps the permit open, counted from before it was asked; the lease's time to live.</summary>
    public TimeSpan ValidFor { get; }

    /// <summary>Revoked for good: the node was downed or fenced.</summary>
    public bool IsRevoked
    {
        get
        {
            lock (_gate)
            {
                return _revokedBecause is not null;
            }
        }
    }

    /// <summary>The monotonic clock's reading, taken before a renewal is asked and given back to <see cref="Confirm"/>.</summary>
    public long Now() => _monotonic.GetTimestamp();

    /// <summary>
    /// The lease was renewed by a call begun at <paramref name="askedAt"/>; <paramref name="blockedBecause"/> names the
    /// downed nodes whose leases are still live (null: none), while which nothing may be sent.
    /// </summary>
    public void Confirm(long askedAt, string? blockedBecause)
    {
        lock (_gate)
        {
            if (_confirmedAt is null || askedAt > _confirmedAt)
            {
                _confirmedAt = askedAt;
                _blockedBecause = blockedBecause;
            }
        }
    }

    /// <summary>
    /// Closes the permit at once until the next renewal says otherwise: a node was just downed, and its accounts may
    /// start here before the next renewal would have seen its lease still live.
    /// </summary>
    public void Block(string because)
    {
        lock (_gate)
        {
            _blockedBecause = because;
        }
    }

    /// <summary>Closes the permit for good; the first reason is kept.</summary>
    public void Revoke(string because)
    {
        lock (_gate)
        {
            _revokedBecause ??= because;
        }
    }

    /// <summary>Whether a send may start now; when not, <paramref name="because"/> says why, for the log.</summary>
    public bool Allows(out string because)
    {
        lock (_gate)
        {
            if (_revokedBecause is not null)
            {
                because = _revokedBecause;
                return false;
            }

            if (!NeedsLease)
            {
                because = "";
                return true;
            }

            if (_confirmedAt is not { } confirmed)
            {
                because = "the node has not yet taken its lease";
                return false;
            }

            var age = _monotonic.GetElapsedTime(confirmed);
            if (age >= ValidFor)
            {
                because = $"the node's lease was last renewed {age.TotalSeconds:0.0} s ago (good for {ValidFor.TotalSeconds:0.0} s)";
                return false;
            }

            if (_blockedBecause is not null)
            {
                because = _blockedBecause;
                return false;
            }

            because = "";
            return true;
        }
    }
}
