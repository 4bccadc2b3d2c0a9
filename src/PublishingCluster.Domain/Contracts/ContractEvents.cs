using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Contracts;

/// <summary>A change to the account's contract. Applied by <see cref="ContractEvolution"/>.</summary>
public interface IContractEvent : IAccountEvent;

public sealed record ContractUpdated(Contract Contract, DateTimeOffset At) : IContractEvent;
