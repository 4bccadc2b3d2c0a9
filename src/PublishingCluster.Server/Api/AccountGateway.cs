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

    public async Task<IAccountReply> AskAsync(IAccountRequest request, CancellationToken cancellationToken)
    {
        var actor = await region.GetAsync(cancellationToken);
        try
        {
            return await actor.Ask<IAccountReply>(request, Timeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return new CommandFailed(request.AccountId, $"Account {request.AccountId} did not answer within {Timeout.TotalSeconds:0} s.");
        }
    }
}
