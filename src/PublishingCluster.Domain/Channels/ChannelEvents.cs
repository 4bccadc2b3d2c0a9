using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Channels;

/// <summary>A change to the account's connected channels. Applied by <see cref="ChannelEvolution"/>.</summary>
public interface IChannelEvent : IAccountEvent;

public sealed record ChannelConnected(Channel Channel, string? RequestFingerprint, DateTimeOffset At) : IChannelEvent;
