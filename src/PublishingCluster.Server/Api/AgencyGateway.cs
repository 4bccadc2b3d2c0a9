using Akka.Actor;
using Akka.Hosting;
using PublishingCluster.Actors.Agencies;

namespace PublishingCluster.Server.Api;

/// <summary>The HTTP side's way to reach an agency: registration, keys and the check of a presented key.</summary>
public sealed class AgencyGateway(IRequiredActor<AgencyRegion> region)
{
    /// <summary>
    /// How long a request waits for its agency: as long as for an account, since the agency's shard moves with a lost
    /// node as the accounts' do, and every API request asks it first (the key check).
    /// </summary>
    public static readonly TimeSpan Timeout = AccountGateway.Timeout;

    /// <summary>
    /// Reads (the key check, the agency itself) are sent again after each <see cref="AccountGateway.Try"/>, as an
    /// account's are; a command (a registration, a key issued or revoked) is sent once.
    /// </summary>
    public async Task<IAgencyReply> AskAsync(IWithAgencyId request, CancellationToken cancellationToken) =>
        await AskAsync(await region.GetAsync(cancellationToken), request, AccountGateway.Try, Timeout, cancellationToken);

    public static async Task<IAgencyReply> AskAsync(IActorRef agency, IWithAgencyId request, TimeSpan oneTry, TimeSpan timeout, CancellationToken cancellationToken) =>
        await Resending.AskAsync<IAgencyReply>(agency, request, request is not ExecuteAgency, oneTry, timeout, cancellationToken)
            ?? new AgencyCommandFailed(request.AgencyId, $"Agency {request.AgencyId} did not answer within {timeout.TotalSeconds:0} s.");
}
