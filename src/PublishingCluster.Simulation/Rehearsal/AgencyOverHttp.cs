using PublishingCluster.Channels.Simulated;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Reporting;
using PublishingCluster.Simulation.Agency;

namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>
/// The agency's work over HTTP: it opens the accounts with their contracts and channels, drafts each week's posts
/// and takes them through review to the clients and into the calendar, asks the clients for material and advice,
/// records the goals' measurements and makes its weekday round of reports and escalations. What the clients will do
/// in answer is planned on the <see cref="RehearsalStage"/>.
/// </summary>
public sealed class AgencyOverHttp(RehearsalStage stage, SimulatedAudience audience)
{
    /// <summary>Opens the account with its contract and connects its channels, each of which the audience gets to know.</summary>
    public async Task OpenAsync(RehearsalAccount account, CancellationToken cancellationToken)
    {
        var blueprint = account.Blueprint;
        var opened = await stage.Api.PostAsync("open-account", "/accounts", stage.AgencyKey, new { name = $"Client {blueprint.Index}", contract = blueprint.Contract() }, cancellationToken);
        account.ServerId = opened.Ok && opened.Body?["accountId"]?.GetValue<string>() is { } id
            ? id
            : throw Refused("open an account", opened);
        for (var c = 0; c < blueprint.Networks.Count; c++)
        {
            var network = blueprint.Networks[c];
            var connected = await stage.Api.PostAsync("connect-channel", $"/accounts/{id}/channels", stage.AgencyKey,
                new { network, handle = blueprint.HandleOf(c), timeZone = blueprint.TimeZone, queueSlots = blueprint.Slots(network) }, cancellationToken);
            account.ChannelIds.Add(connected.Ok && connected.Body?["channel"]?["channelId"]?.GetValue<string>() is { } channelId
                ? channelId
                : throw Refused("connect a channel", connected));
            audience.Register(network, blueprint.HandleOf(c), blueprint.TimeZone, blueprint.InitialFollowersOf(c), stage.Scenario.Start);
        }
    }

    private RehearsalException Refused(string what, ApiAnswer answer) => answer.Status switch
    {
        401 => new RehearsalException($"the server refused the agency key (401 Unauthorized){(stage.AgencyKeyGiven ? ": check --agency-key" : string.Empty)}."),
        403 => new RehearsalException($"the agency key may not {what} (403 Forbidden): the rehearsal needs an AgencyAdmin key."),
        null => new RehearsalException($"cannot reach the server at {stage.Api.BaseAddress}: {answer.Error}"),
        _ => new RehearsalException($"the server refused to {what}: {answer.Reason}"),
    };

    /// <summary>The calls and emails the clients make on <paramref name="day"/> (UTC), planned for when they happen.</summary>
    public void PlanContacts(DateOnly day)
    {
        var calls = new List<(DateTimeOffset, IAccountCommand)>();
        foreach (var account in stage.Accounts)
        {
            if (ClientAsks.ContactOn(account.ServerId, account.Client, day, stage.Scenario.End) is { } contact && contact.At >= stage.Scenario.Start)
            {
                calls.Add((contact.At, contact.Command));
            }
        }

        stage.Plan(calls);
    }

    /// <summary>The agency drafts week <paramref name="week"/>'s posts for every account, sends them to the clients and asks them for material.</summary>
    public async Task DraftAsync(int week, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (stage.Scenario.Start.AddDays(week * 7) >= stage.Scenario.End)
        {
            return;
        }

        await stage.ForEachAsync(stage.Accounts, async (account, ct) =>
        {
            for (var n = 0; n < stage.Scenario.PostsPerWeek; n++)
            {
                await DraftPostAsync(account, $"w{week:D3}-{n}", week, n, now, ct);
            }

            var (asked, answers) = ClientAsks.Weekly(account.ServerId, account.Client, week, now, stage.Scenario.End);
            foreach (var command in asked)
            {
                await stage.SendAsync(command, ct);
            }

            stage.Plan(answers);
        }, cancellationToken);
    }

    private async Task DraftPostAsync(RehearsalAccount account, string postId, int week, int n, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var blueprint = account.Blueprint;
        var tailored = StableChance.Of(stage.Scenario.Seed, "agency/tailored", $"{blueprint.AccountId}/{postId}", 0) < stage.Scenario.Agency.TailoredVariants;
        var written = PostWriter.Variants(blueprint, postId, tailored);
        // PostWriter writes one variant per channel, in the blueprint's channel order.
        var variants = written.Select((v, c) => new { channelId = account.ChannelIds[c], text = v.Text, media = v.Media }).ToList();
        var path = $"/accounts/{account.ServerId}/posts";
        var created = await stage.Api.PostAsync("create-post", path, stage.AgencyKey, new { title = $"Week {week} post {n}", variants }, cancellationToken, idempotencyKey: $"{account.ServerId}-{postId}");
        if (!created.Ok || created.Body?["postId"]?.GetValue<string>() is not { } serverPostId)
        {
            return;
        }

        account.PostIds.Add(serverPostId);
        foreach (var action in new[] { "submit", "approve" })
        {
            if (!(await stage.Api.PostAsync(action, $"{path}/{serverPostId}/{action}", stage.AgencyKey, null, cancellationToken)).Ok)
            {
                return;
            }
        }

        var scheduled = await stage.Api.PostAsync("schedule", $"{path}/{serverPostId}/schedule", stage.AgencyKey, new { nextSlot = true }, cancellationToken);
        if (!scheduled.Ok || scheduled.Body?["variants"]?.AsObject() is not { } byChannel)
        {
            return;
        }

        var drafted = new DraftedPost(serverPostId, variants.ToDictionary(v => v.channelId, v => (v.text, (IReadOnlyList<string>)v.media), StringComparer.Ordinal));
        foreach (var (channelId, variant) in byChannel)
        {
            if (variant?["scheduledAt"]?.GetValue<DateTimeOffset>() is { } at)
            {
                drafted.DueAt[channelId] = at;
            }
        }

        lock (account)
        {
            account.Open[serverPostId] = drafted;
        }

        if (account.Client.ApprovesPost(postId, now) is { } approves && approves < stage.Scenario.End)
        {
            stage.Plan([(approves, new ClientApprovePost(account.ServerId, serverPostId))]);
        }
    }

    /// <summary>The followers across each account's channels (the audience's), recorded as the goal's measurement.</summary>
    public Task MeasureGoalsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        stage.ForEachAsync(stage.Accounts, (account, ct) =>
        {
            var blueprint = account.Blueprint;
            var followers = Enumerable.Range(0, blueprint.Networks.Count).Sum(c => audience.FollowersOf(blueprint.Networks[c], blueprint.HandleOf(c), now));
            return stage.SendAsync(new RecordGoalMeasurement(account.ServerId, AccountBlueprint.GoalId, followers, now), ct);
        }, cancellationToken);

    /// <summary>New reports go to their clients, who read them as they do; the agency acknowledges its open escalations and resolves them a day later.</summary>
    public Task MorningRoundAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        stage.ForEachAsync(stage.Accounts, async (account, ct) =>
        {
            var reports = await stage.Api.GetAsync("read-reports", $"/accounts/{account.ServerId}/reports", stage.AgencyKey, ct);
            foreach (var report in reports.Body?["reports"]?.AsArray() ?? [])
            {
                var reportId = report!["reportId"]!.GetValue<string>();
                if (account.ReportsSeen.Add(reportId) && account.Client.ReadsReport(reportId, report["issuedAt"]!.GetValue<DateTimeOffset>()) is { } reads && reads < stage.Scenario.End)
                {
                    stage.Plan([(reads > now ? reads : now, new AcknowledgeReport(account.ServerId, reportId, AccountBlueprint.ClientContact))]);
                }
            }

            if (!stage.Scenario.Agency.FollowsUpEscalations)
            {
                return;
            }

            var open = await stage.Api.GetAsync("read-escalations", $"/accounts/{account.ServerId}/escalations?open=true", stage.AgencyKey, ct);
            foreach (var escalation in open.Body?["escalations"]?.AsArray() ?? [])
            {
                var escalationId = escalation!["escalationId"]!.GetValue<string>();
                var acknowledged = escalation["acknowledgedAt"]?.GetValue<DateTimeOffset>();
                if (acknowledged is null)
                {
                    await stage.SendAsync(new AcknowledgeEscalation(account.ServerId, escalationId, AccountBlueprint.AccountManager), ct);
                }
                else if (now - acknowledged >= TimeSpan.FromHours(20))
                {
                    await stage.SendAsync(new ResolveEscalation(account.ServerId, escalationId, AccountBlueprint.AccountManager), ct);
                }
            }
        }, cancellationToken);

}
