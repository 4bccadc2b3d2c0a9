using PublishingCluster.Actors.Accounts;
using PublishingCluster.Domain.Escalations;

namespace PublishingCluster.Operations.NodeAccess;

/// <summary>
/// The node's accounts as its API reaches them, for the palettes: the same gateway (its waits and resends) and the
/// same escalation read side, so an operator sees what a client of the API would. The host provides it.
/// </summary>
public interface IAccountAccess
{
    /// <summary>Whether <paramref name="accountId"/> could name an account at all (the API's rule for ids).</summary>
    bool IsWellFormed(string accountId);

    /// <summary>Asks the account, waiting and resending as the API does.</summary>
    Task<IAccountReply> AskAsync(IAccountRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The escalations that match <paramref name="filter"/>, newest first, read without waking an account: one
    /// agency's, or every agency's when <paramref name="agencyId"/> is null.
    /// </summary>
    Task<IReadOnlyList<AccountEscalation>> EscalationsAsync(string? agencyId, EscalationFilter filter, CancellationToken cancellationToken);
}

/// <summary>One escalation and the account it belongs to.</summary>
public sealed record AccountEscalation(string AccountId, Escalation Escalation);
