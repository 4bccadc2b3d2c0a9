using System.Collections.Immutable;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Simulation.Agency;

/// <summary>
/// How the <see cref="AgencyPlan{TAccount}"/>'s work reaches the accounts: as commands to the account actors in
/// process, or as requests to a running server's HTTP API. A sender carries; it decides nothing. Each account's
/// commands arrive in the order given.
/// </summary>
public interface IAgencySender<TAccount>
    where TAccount : IAgencyAccount
{
    /// <summary>Opens the accounts with their contracts and connects their channels.</summary>
    Task OpenAsync(IReadOnlyList<TAccount> accounts, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Creates each account's posts and takes them through review and the agency's approval into the next free
    /// slots, then sends the account's <see cref="AccountDrafts{TAccount}.Then"/>. The outcomes come back in the order of
    /// <paramref name="drafts"/>, one per post.
    /// </summary>
    Task<IReadOnlyList<IReadOnlyList<DraftOutcome>>> DraftAsync(IReadOnlyList<AccountDrafts<TAccount>> drafts, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Sends the commands and waits for their answers.</summary>
    Task SendAsync(IReadOnlyList<IAccountCommand> commands, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Reads what each account issued (its reports) and, when asked for, its open escalations; in the order of <paramref name="accounts"/>.</summary>
    Task<IReadOnlyList<AccountInbox>> ReadInboxAsync(IReadOnlyList<TAccount> accounts, bool escalations, CancellationToken cancellationToken);
}

/// <summary>A post the agency writes: its id in the plan, its title and its variants, one per channel in the blueprint's order.</summary>
public sealed record PlannedPost(string PostId, string Title, ImmutableList<VariantContent> Variants);

/// <summary>One account's drafts of a week, and the commands that go with them once they are drafted.</summary>
public sealed record AccountDrafts<TAccount>(TAccount Account, IReadOnlyList<PlannedPost> Posts, IReadOnlyList<IAccountCommand> Then);

/// <summary>What became of a planned post: the id the account gave it (null: not created) and whether it is in the calendar.</summary>
public sealed record DraftOutcome(string? PostId, bool Scheduled);

/// <summary>What the agency reads on its morning round: the account's reports, and its open escalations.</summary>
public sealed record AccountInbox(IReadOnlyList<(string ReportId, DateTimeOffset IssuedAt)> Reports, IReadOnlyList<(string EscalationId, DateTimeOffset? AcknowledgedAt)> OpenEscalations);
