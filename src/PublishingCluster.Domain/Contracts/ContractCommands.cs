using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Contracts;

public sealed record UpdateContract(string AccountId, Contract Contract) : IAccountCommand;
