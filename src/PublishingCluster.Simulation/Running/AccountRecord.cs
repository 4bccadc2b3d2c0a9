using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Reporting;
using PublishingCluster.Simulation.Agency;
using PublishingCluster.Simulation.Clients;

namespace PublishingCluster.Simulation.Running;

/// <summary>What the simulator keeps about one account while it runs: who the client is, what was drafted, what the client saw, what was measured.</summary>
public sealed class AccountRecord(AccountBlueprint blueprint, SimulatedClient client) : IAgencyAccount
{
    public AccountBlueprint Blueprint { get; } = blueprint;

    public SimulatedClient Client { get; } = client;

    public string AccountId => Blueprint.AccountId;

    string IAgencyAccount.Id => AccountId;

    public ResponseSla Sla { get; } = blueprint.Contract().ResponseSla;

    public List<string> PostIds { get; } = [];

    public HashSet<string> ReportsSeen { get; } = new(StringComparer.Ordinal);

    public List<GoalMeasurement> Measurements { get; } = [];

    /// <summary>The highest version the account reported: how many events it has stored, as far as the simulator saw.</summary>
    public long Version { get; set; }
}
