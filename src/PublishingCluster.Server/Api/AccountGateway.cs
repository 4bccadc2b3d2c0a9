using Akka.Actor;
using Akka.Hosting;
using PublishingCluster.Actors.Accounts;

namespace PublishingCluster.Server.Api;

/// <summary>Marker for the account shard region in Akka.Hosting's actor registry.</summary>
public sealed class AccountRegion;

/// <summary>The HTTP side's one way to reach an account: ask its shard region, with a bounded wait.</summary>
public sealed class AccountGateway(IRequiredActor<AccountRegion> region)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

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
