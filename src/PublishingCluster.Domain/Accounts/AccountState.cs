using System.Collections.Immutable;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Reporting;

namespace PublishingCluster.Domain.Accounts;

/// <summary>
/// Everything one client account knows: its contract, its channels and its posts (the calendar and the
/// per-channel queues are queries over the posts). <see cref="Version"/> counts the events applied.
/// </summary>
public sealed record AccountState(
    string AccountId,
    string AgencyId,
    string Name,
    Contract? Contract,
    DateTimeOffset OpenedAt,
    string? OpenFingerprint,
    ImmutableSortedDictionary<string, Channel> Channels,
    ImmutableSortedDictionary<string, Post> Posts,
    ImmutableSortedDictionary<string, string> RequestFingerprints,
    long Version,
    AccountReporting? Reporting = null,
    AccountEngagement? Engagement = null,
    AccountPartnership? Partnership = null)
{
    /// <summary>The state of an account id before anything happened to it.</summary>
    public static AccountState Unopened(string accountId) => new(
        accountId,
        AgencyId: string.Empty,
        Name: string.Empty,
        Contract: null,
        OpenedAt: default,
        OpenFingerprint: null,
        Channels: ImmutableSortedDictionary<string, Channel>.Empty.WithComparers(StringComparer.Ordinal),
        Posts: ImmutableSortedDictionary<string, Post>.Empty.WithComparers(StringComparer.Ordinal),
        RequestFingerprints: ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal),
        Version: 0);

    public bool IsOpen => Contract is not null;

    /// <summary>
    /// Whether <paramref name="fingerprint"/> is the request that created <paramref name="createdId"/>:
    /// ids made under an idempotency key are derived from it, so a repeated request names the same id.
    /// </summary>
    public bool WasCreatedBy(string createdId, string? fingerprint) =>
        fingerprint is not null && RequestFingerprints.TryGetValue(createdId, out var recorded) && recorded == fingerprint;

    /// <summary>The account's reporting (null in snapshots taken before reporting existed: nothing closed yet).</summary>
    public AccountReporting ReportingOrEmpty() => Reporting ?? AccountReporting.Empty;

    /// <summary>The account's engagements and escalations (null in snapshots taken before they existed: none yet).</summary>
    public AccountEngagement EngagementOrEmpty() => Engagement ?? AccountEngagement.Empty;

    /// <summary>The account's work with its client (null in snapshots taken before it was recorded: nothing yet).</summary>
    public AccountPartnership PartnershipOrEmpty() => Partnership ?? AccountPartnership.Empty;

    public Contract OpenContract => Contract ?? throw new InvalidOperationException($"Account {AccountId} is not open.");

    /// <summary>The stable key a variant is published under, so a network can tell a retry from a new post.</summary>
    public string IdempotencyKeyFor(string postId, string channelId) => $"{AccountId}/{postId}/{channelId}";
}
