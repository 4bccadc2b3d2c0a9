namespace PublishingCluster.Actors.Standing;

/// <summary>Asks the node's standing actor whether this node may send to the networks now (local: operators and tests).</summary>
public sealed record GetSendPermit
{
    public static readonly GetSendPermit Instance = new();
}

/// <param name="Open">Whether a send may start now.</param>
/// <param name="Because">Why not, when not.</param>
/// <param name="Holder">This node's name in the leases.</param>
public sealed record SendPermitState(bool Open, string Because, string Holder);
