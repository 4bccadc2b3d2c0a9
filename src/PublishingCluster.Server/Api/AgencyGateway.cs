using Akka.Actor;
using Akka.Hosting;
using PublishingCluster.Actors.Agencies;

namespace PublishingCluster.Server.Api;

/// <summary>Marker for the agency shard region in Akka.Hosting's actor registry.</summary>
public sealed class AgencyRegion;

/// <summary>The HTTP side's way to reach an agency: registration, keys and the check of a presented key.</summary>
public sealed class AgencyGateway(IRequiredActor<AgencyRegion> region)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<IAgencyReply> AskAsync(IWithAgencyId request, CancellationToken cancellationToken)
    {
        var actor = await region.GetAsync(cancellationToken);
        try
        {
            return await actor.Ask<IAgencyReply>(request, Timeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return new AgencyCommandFailed(request.AgencyId, $"Agency {request.AgencyId} did not answer within {Timeout.TotalSeconds:0} s.");
        }
    }
}
