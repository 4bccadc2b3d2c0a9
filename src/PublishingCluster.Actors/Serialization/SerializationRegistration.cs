using Akka.Hosting;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Agencies;

namespace PublishingCluster.Actors.Serialization;

/// <summary>How a node serializes what it stores and what it sends to other nodes.</summary>
public static class SerializationRegistration
{
    /// <summary>
    /// Stored events and snapshots go through <see cref="AccountEventSerializer"/> under their stored names. The
    /// cluster protocol's families are bound to <see cref="ClusterProtocolSerializer"/> in hocon/akka.hocon, where
    /// the settings around them are explained; <paramref name="wireFormat"/> <see cref="WireFormat.Json"/> binds them
    /// to Akka's default JSON instead, in front of that file.
    /// </summary>
    public static AkkaConfigurationBuilder AddPublishingSerialization(this AkkaConfigurationBuilder builder, WireFormat wireFormat) =>
        builder
            .WithCustomSerializer("account-events", [.. StoredTypes.Types, typeof(IAccountEvent), typeof(IAgencyEvent)], system => new AccountEventSerializer(system))
            .AddHocon(WireFormats.Bindings(wireFormat), HoconAddMode.Prepend);
}
