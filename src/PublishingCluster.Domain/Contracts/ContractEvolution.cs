using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Contracts;

/// <summary>How the contract's events change the account.</summary>
internal static class ContractEvolution
{
    public static AccountState Apply(AccountState state, IContractEvent @event) => @event switch
    {
        ContractUpdated e => state with { Contract = e.Contract },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown contract event."),
    };
}
