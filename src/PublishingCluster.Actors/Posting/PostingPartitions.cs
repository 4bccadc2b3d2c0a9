using Akka.Util;

namespace PublishingCluster.Actors.Posting;

/// <summary>
/// Which posting partition tracks an account: a stable hash of its id modulo the partition count. Like the shard
/// count, the partition count is fixed for the life of the data (events are tagged with their partition).
/// </summary>
public sealed record PostingPartitions(int Count)
{
    public string For(string accountId) => IdOf((int)((uint)MurmurHash.StringHash(accountId) % (uint)Count));

    public IEnumerable<string> All => Enumerable.Range(0, Count).Select(IdOf);

    public static string TagOf(string partitionId) => $"posting-{partitionId}";

    private static string IdOf(int index) => $"p{index}";
}
