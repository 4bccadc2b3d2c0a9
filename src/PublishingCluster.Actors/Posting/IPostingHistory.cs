namespace PublishingCluster.Actors.Posting;

/// <summary>
/// The journal as a posting partition sees it when rebuilding: which accounts wrote schedule-changing events
/// (tagged <see cref="PostingPartitions.TagOf"/>) after an offset, and the offset reached.
/// </summary>
public interface IPostingHistory
{
    Task<(IReadOnlySet<string> AccountIds, long Offset)> AccountsSinceAsync(string tag, long offset, CancellationToken cancellationToken);
}

/// <summary>No history to read (actor tests on an in-memory journal): a partition rebuilds from its snapshot only.</summary>
public sealed class NoPostingHistory : IPostingHistory
{
    public static NoPostingHistory Instance { get; } = new();

    public Task<(IReadOnlySet<string> AccountIds, long Offset)> AccountsSinceAsync(string tag, long offset, CancellationToken cancellationToken) =>
        Task.FromResult<(IReadOnlySet<string>, long)>((new HashSet<string>(), offset));
}
