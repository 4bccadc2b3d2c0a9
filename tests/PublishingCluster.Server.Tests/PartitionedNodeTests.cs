using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// A node of a three-node cluster on PostgreSQL is cut off from the other two on loopback (iptables) while posts go
/// out, and the cut is healed after the split-brain resolver acted: the minority side downs itself, the majority takes
/// its accounts, and no post goes out twice. Needs root (skipped otherwise) and iptables (tests/run.sh installs it).
/// </summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class PartitionedNodeTests(PostgresServer postgres)
{
    // The third node: not a seed, so the two that stay form the cluster again by themselves.
    private const int CutOffNode = 2;

    [PartitionTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_node_cut_off_from_the_others_downs_itself_and_no_post_goes_out_twice(bool symmetric)
    {
        await using var run = await PublishingThroughAFault.StartAsync(postgres, symmetric ? "cut-agency" : "one-way-agency", ownUserNode: CutOffNode);
        await run.StartPublishingAsync();

        int publishedAtCut;
        var faultAt = DateTimeOffset.UtcNow;
        await using (var cut = await LoopbackPartition.CutAsync(run.Cluster.RemotingPorts, symmetric))
        {
            publishedAtCut = run.Networks.Count();
            await run.WaitUntilHitNodeIsRemovedAsync();
            // The cut-off side learns it on its own: it downs itself (keep-majority) or, hearing the others, learns that
            // they downed it.
            await PublishingThroughAFault.WaitForAsync(
                () => run.HitNode.Output.Contains("sends nothing more to the networks", StringComparison.Ordinal) || run.HitNode.HasExited,
                TimeSpan.FromSeconds(60),
                "the cut-off node to stop sending");
            await Task.Delay(PublishingThroughAFault.FaultOutlastsRemovalBy);
            await cut.HealAsync();
        }

        await run.AssertEveryPostWentOutOnceAsync(publishedAtCut, faultAt);
    }
}
