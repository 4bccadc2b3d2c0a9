using PublishingCluster.Channels.Simulated;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Reporting;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Agency;

/// <summary>
/// The agency's behaviour, the same in process and over HTTP: what it does for each account when it opens it, each
/// week (drafts reviewed, approved and scheduled, material asked for, advice given, the goal measured), each weekday
/// morning (reports passed to the clients, escalations acknowledged and resolved) and what the clients call about
/// each day. What the clients will do in answer is handed to <c>plan</c> with its time; the
/// <see cref="IAgencySender{TAccount}"/> carries the rest. Accounts are worked in their order, so an in-process run
/// plans and sends the same things in the same order every time.
/// </summary>
public sealed class AgencyPlan<TAccount>(
    Scenario scenario,
    IReadOnlyList<TAccount> accounts,
    IAgencySender<TAccount> sender,
    SimulatedAudience audience,
    Action<IReadOnlyList<(DateTimeOffset At, IAccountCommand Command)>> plan)
    where TAccount : IAgencyAccount
{
    /// <summary>The audience gets to know every channel; then the accounts are opened with their contracts and channels.</summary>
    public Task OpenAsync(CancellationToken cancellationToken)
    {
        foreach (var blueprint in accounts.Select(a => a.Blueprint))
        {
            for (var c = 0; c < blueprint.Networks.Count; c++)
            {
                audience.Register(blueprint.Networks[c], blueprint.HandleOf(c), blueprint.TimeZone, blueprint.InitialFollowersOf(c), scenario.Start);
            }
        }

        return sender.OpenAsync(accounts, scenario.Start, cancellationToken);
    }

    /// <summary>
    /// The agency drafts week <paramref name="week"/>'s posts for every account and sends them to the clients, asking
    /// for material (and every other week giving advice); the clients' approvals and answers are planned.
    /// </summary>
    public async Task DraftAsync(int week, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (scenario.Start.AddDays(week * 7) >= scenario.End)
        {
            return;
        }

        var weeks = accounts.Select(a => (Account: a, Posts: Posts(a.Blueprint, week), Asks: ClientAsks.Weekly(a.Id, a.Client, week, now, scenario.End))).ToList();
        var outcomes = await sender.DraftAsync([.. weeks.Select(w => new AccountDrafts<TAccount>(w.Account, w.Posts, w.Asks.Asked))], now, cancellationToken);
        var planned = new List<(DateTimeOffset, IAccountCommand)>();
        for (var i = 0; i < weeks.Count; i++)
        {
            var (account, posts, asks) = weeks[i];
            for (var n = 0; n < posts.Count; n++)
            {
                if (outcomes[i][n] is not { PostId: { } postId } outcome)
                {
                    continue;
                }

                account.PostIds.Add(postId);
                if (outcome.Scheduled && account.Client.ApprovesPost(posts[n].PostId, now) is { } approves && approves < scenario.End)
                {
                    planned.Add((approves, new ClientApprovePost(account.Id, postId)));
                }
            }

            planned.AddRange(asks.Answers);
        }

        plan(planned);
    }

    /// <summary>Followers across each account's channels (the audience's count now), recorded as the goal's measurement: the agency's analytics.</summary>
    public Task MeasureGoalsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var commands = new List<IAccountCommand>(accounts.Count);
        foreach (var account in accounts)
        {
            var blueprint = account.Blueprint;
            var followers = Enumerable.Range(0, blueprint.Networks.Count).Sum(c => audience.FollowersOf(blueprint.Networks[c], blueprint.HandleOf(c), now));
            account.Measurements.Add(new GoalMeasurement(followers, now));
            commands.Add(new RecordGoalMeasurement(account.Id, AccountBlueprint.GoalId, followers, now));
        }

        return sender.SendAsync(commands, now, cancellationToken);
    }

    /// <summary>
    /// The weekday morning round: new reports go to their clients, who read them as they do (planned); the agency
    /// acknowledges its open escalations and resolves them a day later. Returns the escalation commands, for the
    /// caller to send with the rest of the moment's work.
    /// </summary>
    public async Task<List<IAccountCommand>> MorningRoundAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var inboxes = await sender.ReadInboxAsync(accounts, scenario.Agency.FollowsUpEscalations, cancellationToken);
        var commands = new List<IAccountCommand>();
        var planned = new List<(DateTimeOffset, IAccountCommand)>();
        for (var i = 0; i < accounts.Count; i++)
        {
            var account = accounts[i];
            foreach (var (reportId, issuedAt) in inboxes[i].Reports.OrderBy(r => r.ReportId, StringComparer.Ordinal).Where(r => account.ReportsSeen.Add(r.ReportId)))
            {
                if (account.Client.ReadsReport(reportId, issuedAt) is { } reads && reads < scenario.End)
                {
                    planned.Add((reads > now ? reads : now, new AcknowledgeReport(account.Id, reportId, AccountBlueprint.ClientContact)));
                }
            }

            foreach (var (escalationId, acknowledgedAt) in inboxes[i].OpenEscalations.OrderBy(e => e.EscalationId, StringComparer.Ordinal))
            {
                if (acknowledgedAt is null)
                {
                    commands.Add(new AcknowledgeEscalation(account.Id, escalationId, AccountBlueprint.AccountManager));
                }
                else if (now - acknowledgedAt >= TimeSpan.FromHours(20))
                {
                    commands.Add(new ResolveEscalation(account.Id, escalationId, AccountBlueprint.AccountManager));
                }
            }
        }

        plan(planned);
        return commands;
    }

    /// <summary>The calls and emails the clients make on <paramref name="day"/> (UTC) from the scenario's start on, planned for when they happen; the account manager logs them.</summary>
    public void PlanContacts(DateOnly day)
    {
        var calls = new List<(DateTimeOffset, IAccountCommand)>();
        foreach (var account in accounts)
        {
            if (ClientAsks.ContactOn(account.Id, account.Client, day, scenario.End) is { } contact && contact.At >= scenario.Start)
            {
                calls.Add((contact.At, contact.Command));
            }
        }

        plan(calls);
    }

    /// <summary>The account's posts of week <paramref name="week"/>: some with variants tailored to each network, as often as the scenario says.</summary>
    private List<PlannedPost> Posts(AccountBlueprint blueprint, int week)
    {
        var posts = new List<PlannedPost>(scenario.PostsPerWeek);
        for (var n = 0; n < scenario.PostsPerWeek; n++)
        {
            var postId = $"w{week:D3}-{n}";
            var tailored = StableChance.Of(scenario.Seed, "agency/tailored", $"{blueprint.AccountId}/{postId}", 0) < scenario.Agency.TailoredVariants;
            posts.Add(new PlannedPost(postId, $"Week {week} post {n}", PostWriter.Variants(blueprint, postId, tailored)));
        }

        return posts;
    }
}
