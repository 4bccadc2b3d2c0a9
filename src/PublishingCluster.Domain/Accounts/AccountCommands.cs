using PublishingCluster.Domain.Contracts;

namespace PublishingCluster.Domain.Accounts;

/// <summary>
/// A request to change one client account. Commands carry no time: the edge that receives a command
/// stamps it with <c>now</c> and passes both to <see cref="ClientAccount.Decide"/>.
/// <c>RequestFingerprint</c>, on creating commands, identifies the request body behind the id it creates: the id
/// follows from an idempotency key when the caller gave one (so a repeat of the same request is recognised and a
/// different body under the same key is refused), and is new for the request otherwise (so only a copy of this very
/// command, sent again by the gateway after a node was lost, can match it).
/// Each area keeps its commands in its own folder (Posts/PostCommands.cs, …); opening the account is the account's own.
/// </summary>
public interface IAccountCommand
{
    string AccountId { get; }
}

/// <summary>
/// A creating command that may carry a request fingerprint. With one, the command is safe to deliver again: its
/// repeat is recognised by the account and accepted without a new event (see <see cref="ClientAccount.Decide"/>).
/// </summary>
public interface IRepeatableCommand : IAccountCommand
{
    string? RequestFingerprint { get; }
}

public sealed record OpenAccount(string AccountId, string AgencyId, string Name, Contract Contract, string? RequestFingerprint = null) : IRepeatableCommand;
