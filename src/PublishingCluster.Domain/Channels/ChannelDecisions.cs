using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Common;

namespace PublishingCluster.Domain.Channels;

/// <summary>Connecting a network profile to an account.</summary>
internal static class ChannelDecisions
{
    public const int MaxChannelsPerAccount = 32;

    public static Decision Connect(AccountState state, ConnectChannel command, DateTimeOffset now)
    {
        var channel = new Channel(command.ChannelId, command.Network, command.Handle?.Trim() ?? string.Empty, command.TimeZone,
            command.PostingWindows, command.QueueSlots, now);

        if (state.Channels.TryGetValue(command.ChannelId, out var existing))
        {
            return state.WasCreatedBy(existing.ChannelId, command.RequestFingerprint)
                ? Decision.Accept(existing.ChannelId)
                : Decision.Reject(command.RequestFingerprint is null
                    ? Rejection.Lifecycle("channelId", "channel.already-connected", $"Channel '{command.ChannelId}' is already connected.")
                    : Rejection.Rule("Idempotency-Key", "idempotency.key-reused", "This idempotency key was used for a different request."));
        }

        if (ChannelRules.Validate(channel) is { } invalid)
        {
            return Decision.Reject(invalid);
        }

        if (state.OpenContract.ScopeFor(channel.Network) is null)
        {
            return Decision.Reject(Rejection.Rule("network", "contract.scope.network-not-covered",
                $"The contract does not cover {channel.Network}; add it to the scope first."));
        }

        if (state.Channels.Values.Any(c => c.Network == channel.Network && string.Equals(c.Handle, channel.Handle, StringComparison.OrdinalIgnoreCase)))
        {
            return Decision.Reject(Rejection.Rule("handle", "channel.handle-connected", $"{channel.Network} handle '{channel.Handle}' is already connected."));
        }

        if (state.Channels.Count >= MaxChannelsPerAccount)
        {
            return Decision.Reject(Rejection.Rule("channelId", "channel.too-many", $"An account can connect at most {MaxChannelsPerAccount} channels."));
        }

        return Decision.Accept(channel.ChannelId, new ChannelConnected(channel, command.RequestFingerprint, now));
    }
}
