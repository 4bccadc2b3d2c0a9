namespace PublishingCluster.Actors.Standing;

/// <summary>
/// The nodes' leases, kept in the database every node of the cluster shares (and every node's clock reads the same
/// time from). A lease is held by one incarnation of a node (its address and uid); once revoked it cannot be renewed,
/// so a node cut off from the others, or paused while they downed it, learns at its next renewal that it is fenced.
/// </summary>
public interface INodeLeases
{
    /// <summary>
    /// Renews <paramref name="node"/>'s lease for <paramref name="ttl"/> from the database's now (taking it if it has
    /// none), unless it was revoked, and lists the other nodes' leases that are still live.
    /// </summary>
    Task<LeaseRound> RenewAsync(string node, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Revokes <paramref name="node"/>'s lease: it can no longer be renewed (it still lives until it runs out).</summary>
    Task RevokeAsync(string node, CancellationToken cancellationToken);

    /// <summary>The holder gives its own lease up for good: revoked and run out, so that nobody waits for it.</summary>
    Task ReleaseAsync(string node, CancellationToken cancellationToken);
}

/// <param name="Renewed">False when the node's own lease was revoked: it was downed, and must not send again.</param>
/// <param name="LiveLeases">The other nodes' leases that have not run out.</param>
public sealed record LeaseRound(bool Renewed, IReadOnlyList<LiveLease> LiveLeases);

/// <param name="Node">The holder: an address and uid (<see cref="NodeStandingActor.LeaseHolder"/>).</param>
/// <param name="Revoked">Revoked by a node that saw the holder downed.</param>
/// <param name="RunsOutIn">How long it still lives, by the database's clock.</param>
public sealed record LiveLease(string Node, bool Revoked, TimeSpan RunsOutIn);
