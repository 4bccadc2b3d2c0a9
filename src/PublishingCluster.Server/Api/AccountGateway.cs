using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using PublishingCluster.Actors.Accounts;

namespace PublishingCluster.Server.Api;

/// <summary>Marker for the account shard region in Akka.Hosting's actor registry.</summary>
public sealed class AccountRegion;

/// <summary>The HTTP side's one way to reach an account: ask its shard region, with a bounded wait.</summary>
public sealed class AccountGateway(IRequiredActor<AccountRegion> region)
{
    /// <summary>
    /// How long a request waits for its account. Long enough for the slow but normal cases: an account asleep that
    /// first recovers from the journal, and one whose shard is being handed to another node (a node leaving, a
    /// rebalance), where the region holds requests until the new home has started it.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one try of a read waits before the read is sent again, within <see cref="Timeout"/>. Sharding
    /// delivers at most once: a request that reached a node just as it handed its shards off and left is lost with
    /// it. A read is safe to send twice, so it is; a command is not re-sent (its caller retries with an
    /// Idempotency-Key, which the account recognises).
    /// </summary>
    public static readonly TimeSpan ReadTry = TimeSpan.FromSeconds(10);

    public async Task<IAccountReply> AskAsync(IAccountRequest request, CancellationToken cancellationToken) =>
        await AskAsync(await region.GetAsync(cancellationToken), request, ReadTry, Timeout, cancellationToken);

    /// <summary>Asks <paramref name="account"/> (a region or the account itself); reads again after each <paramref name="readTry"/>, all within <paramref name="timeout"/>.</summary>
    public static async Task<IAccountReply> AskAsync(IActorRef account, IAccountRequest request, TimeSpan readTry, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var isRead = request is not Execute;
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var left = timeout - waited.Elapsed;
            var wait = isRead && readTry < left ? readTry : left;
            try
            {
                return await account.Ask<IAccountReply>(request, wait, cancellationToken);
            }
            catch (AskTimeoutException) when (isRead && waited.Elapsed < timeout)
            {
                // Lost in a hand-off, or still on its way: send it again.
            }
            catch (AskTimeoutException)
            {
                return new CommandFailed(request.AccountId, $"Account {request.AccountId} did not answer within {timeout.TotalSeconds:0} s.");
            }
        }
    }
}
