namespace PublishingCluster.Server.Hosting;

/// <summary>
/// The node lease's timing on a shared database. The lease lives <see cref="TimeToLive"/> from each renewal, asked
/// every <see cref="RenewEvery"/>: three renewals may fail or be slow before the node stops sending, and after the
/// cluster downs a node the others wait at most this long (once it is revoked) before they send for its accounts.
/// </summary>
public static class NodeLease
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(4);

    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(1);
}
