namespace PublishingCluster.Actors.Posting;

/// <summary>
/// The posting family of the cluster protocol: what is sent to a posting partition (from every node's beat and
/// from accounts on any node) and what it answers. Bound to the cluster protocol serializer in hocon/akka.hocon.
/// </summary>
public interface IPostingProtocol;

/// <summary>Messages for one posting partition; the posting region routes on the partition id.</summary>
public interface IWithPartitionId : IPostingProtocol
{
    string PartitionId { get; }
}

/// <summary>The clock's beat: the partition wakes every account due at or before <paramref name="Now"/>.</summary>
public sealed record Tick(string PartitionId, DateTimeOffset Now) : IWithPartitionId;

/// <summary>An account's next publishing work is at <paramref name="Due"/> (null: none ahead).</summary>
public sealed record NextDueChanged(string PartitionId, string AccountId, DateTimeOffset? Due) : IWithPartitionId;

/// <summary>How many accounts the partition tracks, which are due by <paramref name="Until"/> and how many woken ones it waits on; for operators and tests.</summary>
public sealed record GetDue(string PartitionId, DateTimeOffset Until) : IWithPartitionId;

public sealed record DueAnswer(string PartitionId, int Tracked, IReadOnlyList<(string AccountId, DateTimeOffset Due)> Due, int AwaitingWake = 0) : IPostingProtocol;
