using Akka.Actor;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Simulation.Agency;

namespace PublishingCluster.Simulation.Running;

/// <summary>
/// Carries the agency's work to the account actors of a <see cref="SimulationNode"/>: commands go through
/// <paramref name="send"/> (the run's, which stamps them with the step's time, awaits every answer and counts
/// refusals), many accounts at once; reads are asked of the actors in chunks.
/// </summary>
public sealed class AgencyToActors(SimulationNode node, Func<IEnumerable<IAccountCommand>, DateTimeOffset, Task> send) : IAgencySender<AccountRecord>
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(5);

    public Task OpenAsync(IReadOnlyList<AccountRecord> accounts, DateTimeOffset now, CancellationToken cancellationToken) =>
        send(accounts.SelectMany(a => a.Blueprint.Opening()), now);

    public async Task<IReadOnlyList<IReadOnlyList<DraftOutcome>>> DraftAsync(IReadOnlyList<AccountDrafts<AccountRecord>> drafts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var commands = new List<IAccountCommand>();
        foreach (var (account, posts, then) in drafts)
        {
            foreach (var post in posts)
            {
                commands.Add(new CreatePost(account.AccountId, post.PostId, post.Title, post.Variants));
                commands.Add(new SubmitPostForReview(account.AccountId, post.PostId));
                commands.Add(new ApprovePost(account.AccountId, post.PostId));
                commands.Add(new SchedulePost(account.AccountId, post.PostId, ScheduleTarget.NextFreeSlot));
            }

            commands.AddRange(then);
        }

        await send(commands, now);
        // A refused command is counted by the run and shows in the summary; the agency goes on as planned.
        return [.. drafts.Select(d => (IReadOnlyList<DraftOutcome>)[.. d.Posts.Select(p => new DraftOutcome(p.PostId, Scheduled: true))])];
    }

    public Task SendAsync(IReadOnlyList<IAccountCommand> commands, DateTimeOffset now, CancellationToken cancellationToken) => send(commands, now);

    public async Task<IReadOnlyList<AccountInbox>> ReadInboxAsync(IReadOnlyList<AccountRecord> accounts, bool escalations, CancellationToken cancellationToken)
    {
        var inboxes = new List<AccountInbox>(accounts.Count);
        foreach (var chunk in accounts.Chunk(2000))
        {
            var reports = chunk.Select(a => node.Accounts.Ask<IAccountReply>(new GetReports(a.AccountId), AskTimeout)).ToList();
            var open = escalations
                ? chunk.Select(a => node.Accounts.Ask<IAccountReply>(new GetEscalations(a.AccountId, new EscalationFilter(Open: true)), AskTimeout)).ToList()
                : [];
            await Task.WhenAll(reports.Concat(open));
            for (var i = 0; i < chunk.Length; i++)
            {
                inboxes.Add(new AccountInbox(
                    reports[i].Result is ReportsFound found ? [.. found.Reports.Select(r => (r.ReportId, r.IssuedAt))] : [],
                    open.Count > 0 && open[i].Result is EscalationsFound raised ? [.. raised.Escalations.Select(e => (e.EscalationId, e.AcknowledgedAt))] : []));
            }
        }

        return inboxes;
    }
}
