using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Channels.Simulated;

/// <summary>One simulated network per supported network, sharing one publication log.</summary>
public static class SimulatedNetworks
{
    public static IReadOnlyDictionary<Network, IChannelAdapter> All(IPublicationLog log, Func<Network, SimulatedNetworkSettings>? settingsFor = null, SimulatedAudience? audience = null) =>
        Enum.GetValues<Network>().ToDictionary(
            network => network,
            network => (IChannelAdapter)new SimulatedNetwork(network, settingsFor?.Invoke(network) ?? SimulatedNetworkSettings.Reliable, log, audience));
}
