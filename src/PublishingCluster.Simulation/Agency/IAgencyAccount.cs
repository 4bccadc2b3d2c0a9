using PublishingCluster.Domain.Reporting;
using PublishingCluster.Simulation.Clients;

namespace PublishingCluster.Simulation.Agency;

/// <summary>
/// One account as the agency works it, whichever way its commands travel: the blueprint and the client (named by the
/// blueprint's id, so the same scenario and seed play the same client), the id its commands carry, and what the
/// agency keeps about it: the posts it drafted, the reports it has seen and the goal's measurements it took.
/// </summary>
public interface IAgencyAccount
{
    AccountBlueprint Blueprint { get; }

    SimulatedClient Client { get; }

    /// <summary>The id the account's commands carry: the blueprint's in-process, the server's over HTTP.</summary>
    string Id { get; }

    /// <summary>The drafted posts' ids, as the commands name them.</summary>
    List<string> PostIds { get; }

    HashSet<string> ReportsSeen { get; }

    List<GoalMeasurement> Measurements { get; }
}
