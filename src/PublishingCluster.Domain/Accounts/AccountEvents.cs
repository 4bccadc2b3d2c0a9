using PublishingCluster.Domain.Contracts;

namespace PublishingCluster.Domain.Accounts;

/// <summary>
/// A fact about a client account. Events are the account's only durable record: <see cref="ClientAccount.Evolve"/>
/// rebuilds the state from them, so each carries everything its change needs, including when it happened.
/// Each area keeps its events, under its own marker (IPostEvent, …), in its folder; opening the account is the account's own.
/// </summary>
public interface IAccountEvent
{
    DateTimeOffset At { get; }
}

public sealed record AccountOpened(string AccountId, string AgencyId, string Name, Contract Contract, string? RequestFingerprint, DateTimeOffset At) : IAccountEvent;
