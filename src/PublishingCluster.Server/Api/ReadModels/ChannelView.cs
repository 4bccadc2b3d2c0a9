using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Server.Api.ReadModels;

/// <summary>A connected channel as the API shows it.</summary>
public sealed record ChannelView(string AccountId, Channel Channel);
