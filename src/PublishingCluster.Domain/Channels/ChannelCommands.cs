using System.Collections.Immutable;
using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Domain.Channels;

public sealed record ConnectChannel(
    string AccountId,
    string ChannelId,
    Network Network,
    string Handle,
    string TimeZone,
    ImmutableList<PostingWindow> PostingWindows,
    ImmutableList<QueueSlot> QueueSlots,
    string? RequestFingerprint = null) : IRepeatableCommand;
