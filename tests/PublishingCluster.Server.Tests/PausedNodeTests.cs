using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// A node of a three-node cluster on PostgreSQL freezes (SIGSTOP) with sends queued in its gateway, for longer than
/// the others wait before they down it and take over its accounts, and then thaws (SIGCONT) and carries on.
/// </summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class PausedNodeTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_node_frozen_while_the_others_take_over_its_accounts_sends_nothing_after_it_thaws_and_every_post_goes_out_once()
    {
        await using var run = await PublishingThroughAFault.StartAsync(postgres, "pause-agency");
        await run.StartPublishingAsync();

        run.Mark("pause");
        var faultAt = DateTimeOffset.UtcNow;
        await run.HitNode.PauseAsync();
        var publishedAtPause = run.Networks.Count();
        // Longer than the failure detector's pause, the resolver's wait (5 s here) and the removal margin together:
        // the others down the frozen node and publish its accounts' posts meanwhile.
        await run.WaitUntilHitNodeIsRemovedAsync();
        run.Mark("removed");
        await Task.Delay(PublishingThroughAFault.FaultOutlastsRemovalBy);
        await run.HitNode.ResumeAsync();
        run.Mark("resumed");

        await run.AssertEveryPostWentOutOnceAsync(publishedAtPause, faultAt);
        Assert.Contains("sends nothing more to the networks", run.HitNode.Output, StringComparison.Ordinal);
    }
}
