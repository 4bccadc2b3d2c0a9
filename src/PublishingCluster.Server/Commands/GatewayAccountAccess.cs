using PublishingCluster.Actors.Accounts;
using PublishingCluster.Operations.NodeAccess;
using PublishingCluster.Server.Api;

namespace PublishingCluster.Server.Commands;

/// <summary>The palettes' way to accounts: the API's own gateway, id rule and escalation read side.</summary>
public sealed class GatewayAccountAccess(AccountGateway gateway, AgencyEscalations escalations) : IAccountAccess
{
    public bool IsWellFormed(string accountId) => ResourceIds.IsWellFormed(accountId);

    public Task<IAccountReply> AskAsync(IAccountRequest request, CancellationToken cancellationToken) => gateway.AskAsync(request, cancellationToken);

    public async Task<IReadOnlyList<AccountEscalation>> EscalationsAsync(string? agencyId, EscalationFilter filter, CancellationToken cancellationToken)
    {
        var found = agencyId is null
            ? await escalations.ReadAllAsync(filter, cancellationToken)
            : await escalations.ReadAsync(agencyId, _ => true, filter, cancellationToken);
        return [.. found.Select(e => new AccountEscalation(e.AccountId, e.Escalation))];
    }
}
