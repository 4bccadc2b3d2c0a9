using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Channels;

/// <summary>How the channels' events change the account.</summary>
internal static class ChannelEvolution
{
    public static AccountState Apply(AccountState state, IChannelEvent @event) => @event switch
    {
        ChannelConnected e => state with
        {
            Channels = state.Channels.SetItem(e.Channel.ChannelId, e.Channel),
            RequestFingerprints = AccountEvolution.Remember(state, e.Channel.ChannelId, e.RequestFingerprint),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown channel event."),
    };
}
