using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Common;

namespace PublishingCluster.Domain.Contracts;

/// <summary>Changing an open account's contract.</summary>
internal static class ContractDecisions
{
    public static Decision Update(AccountState state, UpdateContract command, DateTimeOffset now)
    {
        if (ContractRules.Validate(command.Contract, now) is { } invalid)
        {
            return Decision.Reject(invalid);
        }

        foreach (var channel in state.Channels.Values)
        {
            if (command.Contract.ScopeFor(channel.Network) is null)
            {
                return Decision.Reject(Rejection.Rule("contract.scope", "contract.scope.drops-connected-channel",
                    $"Channel '{channel.ChannelId}' on {channel.Network} is connected; the scope must keep {channel.Network}."));
            }
        }

        return Decision.Accept(state.AccountId, new ContractUpdated(command.Contract, now));
    }
}
