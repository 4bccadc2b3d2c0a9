using System.Collections.Immutable;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Calendar;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Actors.Accounts;

/// <summary>Every message for a client account names it; the shard region routes on this id.</summary>
public interface IWithAccountId
{
    string AccountId { get; }
}

/// <summary>A message that expects one <see cref="IAccountReply"/>.</summary>
public interface IAccountRequest : IWithAccountId;

/// <summary>Runs a domain command, stamped by the edge with the time it arrived.</summary>
public sealed record Execute(IAccountCommand Command, DateTimeOffset Now) : IAccountRequest
{
    public string AccountId => Command.AccountId;
}

/// <summary>The account's contract, channels and post counts.</summary>
public sealed record GetAccount(string AccountId) : IAccountRequest;

public sealed record GetPost(string AccountId, string PostId) : IAccountRequest;

/// <summary>The calendar for [From, To).</summary>
public sealed record GetCalendar(string AccountId, DateTimeOffset From, DateTimeOffset To) : IAccountRequest;

/// <summary>One channel's queue and its next free slot after <paramref name="Now"/>.</summary>
public sealed record GetChannelQueue(string AccountId, string ChannelId, DateTimeOffset Now) : IAccountRequest;

/// <summary>What an account answers; exactly one per request.</summary>
public interface IAccountReply;

/// <summary>The command's events are persisted (or there were none to persist: an idempotent repeat).</summary>
public sealed record CommandAccepted(string AccountId, string? ResultId, long Version) : IAccountReply;

/// <summary>The command broke a rule; nothing was persisted.</summary>
public sealed record CommandRejected(string AccountId, Rejection Rejection) : IAccountReply;

/// <summary>The journal could not store the command's events; nothing changed and the request may be retried.</summary>
public sealed record CommandFailed(string AccountId, string Reason) : IAccountReply;

/// <summary>A query named something that does not exist.</summary>
public sealed record QueryRejected(string AccountId, Rejection Rejection) : IAccountReply;

public sealed record AccountSummary(
    string AccountId,
    string AgencyId,
    string Name,
    Contract Contract,
    DateTimeOffset OpenedAt,
    ImmutableList<Channel> Channels,
    ImmutableSortedDictionary<PostStatus, int> PostsByStatus,
    long Version) : IAccountReply;

public sealed record PostFound(string AccountId, Post Post, long Version) : IAccountReply;

public sealed record CalendarFound(string AccountId, DateTimeOffset From, DateTimeOffset To, ImmutableList<CalendarEntry> Entries) : IAccountReply;

public sealed record ChannelQueueFound(string AccountId, Channel Channel, ImmutableList<CalendarEntry> Entries, DateTimeOffset? NextFreeSlot) : IAccountReply;
