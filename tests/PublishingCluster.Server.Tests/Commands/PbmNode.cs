using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests.Commands;

/// <summary>
/// One server process for the pbm tests of a class, with an agency of three accounts whose posts (two each, on
/// LinkedIn) are approved and scheduled two days ahead, so every publishing command has something to show.
/// </summary>
public sealed class PbmNode : IAsyncLifetime
{
    public const string AgencyId = "pbm-agency";

    private readonly TempFolder _folder = new();

    public ServerProcess Server { get; private set; } = null!;

    public ApprovedPosts Posts { get; private set; } = null!;

    public DateTimeOffset ScheduledAt { get; } = DateTimeOffset.UtcNow.AddDays(2).AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerSecond));

    /// <summary>The node's command endpoint, host:port.</summary>
    public string Node => Server.CommandEndpoint;

    public string AccountId => Posts.Variants[0].AccountId;

    public async Task InitializeAsync()
    {
        Server = await ServerProcess.StartAsync(_folder.File("journal.db"), "--tick-ms", "200");
        Posts = await ApprovedPosts.CreateAsync(Server, AgencyId, accounts: 3, postsPerAccount: 2);
        await Posts.ScheduleAllAsync(ScheduledAt);
    }

    /// <summary>Runs pbm against this node: <c>pbm &lt;node&gt; args...</c>.</summary>
    public Task<PbmResult> PbmAsync(params string[] args) => PbmRunner.RunAsync([Node, .. args]);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _folder.Dispose();
    }
}
