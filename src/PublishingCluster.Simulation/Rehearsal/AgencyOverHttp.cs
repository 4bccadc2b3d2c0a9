using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Simulation.Agency;

namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>
/// Carries the agency's work (<see cref="AgencyPlan{TAccount}"/>) to a running server over its public HTTP API:
/// it opens the accounts with their contracts and channels, takes each drafted post from creation through review
/// into the calendar, and reads the reports and escalations of the morning round. Each account's requests go in
/// their order, accounts side by side up to the rehearsal's concurrency.
/// </summary>
public sealed class AgencyOverHttp(RehearsalStage stage) : IAgencySender<RehearsalAccount>
{
    /// <summary>Opens each account with its contract and connects its channels, keeping the server's ids.</summary>
    public Task OpenAsync(IReadOnlyList<RehearsalAccount> accounts, DateTimeOffset now, CancellationToken cancellationToken) =>
        stage.ForEachAsync(accounts, OpenAsync, cancellationToken);

    private async Task OpenAsync(RehearsalAccount account, CancellationToken cancellationToken)
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
        }
    }

    private RehearsalException Refused(string what, ApiAnswer answer) => answer.Status switch
    {
        401 => new RehearsalException($"the server refused the agency key (401 Unauthorized){(stage.AgencyKeyGiven ? ": check --agency-key" : string.Empty)}."),
        403 => new RehearsalException($"the agency key may not {what} (403 Forbidden): the rehearsal needs an AgencyAdmin key."),
        null => new RehearsalException($"cannot reach the server at {stage.Api.BaseAddress}: {answer.Error}"),
        _ => new RehearsalException($"the server refused to {what}: {answer.Reason}"),
    };

    public async Task<IReadOnlyList<IReadOnlyList<DraftOutcome>>> DraftAsync(IReadOnlyList<AccountDrafts<RehearsalAccount>> drafts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outcomes = new IReadOnlyList<DraftOutcome>[drafts.Count];
        await stage.ForEachAsync(Enumerable.Range(0, drafts.Count), async (i, ct) =>
        {
            var (account, posts, then) = drafts[i];
            var drafted = new List<DraftOutcome>(posts.Count);
            foreach (var post in posts)
            {
                drafted.Add(await DraftPostAsync(account, post, ct));
            }

            foreach (var command in then)
            {
                await stage.SendAsync(command, ct);
            }

            outcomes[i] = drafted;
        }, cancellationToken);
        return outcomes;
    }

    /// <summary>Creates the post (once, whatever retries), submits and approves it and schedules it on the next free slots; stops at the first refusal.</summary>
    private async Task<DraftOutcome> DraftPostAsync(RehearsalAccount account, PlannedPost post, CancellationToken cancellationToken)
    {
        // The plan writes one variant per channel, in the blueprint's channel order.
        var variants = post.Variants.Select((v, c) => new { channelId = account.ChannelIds[c], text = v.Text, media = v.Media }).ToList();
        var path = $"/accounts/{account.ServerId}/posts";
        var created = await stage.Api.PostAsync("create-post", path, stage.AgencyKey, new { title = post.Title, variants }, cancellationToken, idempotencyKey: $"{account.ServerId}-{post.PostId}");
        if (!created.Ok || created.Body?["postId"]?.GetValue<string>() is not { } serverPostId)
        {
            return new DraftOutcome(null, Scheduled: false);
        }

        foreach (var action in new[] { "submit", "approve" })
        {
            if (!(await stage.Api.PostAsync(action, $"{path}/{serverPostId}/{action}", stage.AgencyKey, null, cancellationToken)).Ok)
            {
                return new DraftOutcome(serverPostId, Scheduled: false);
            }
        }

        var scheduled = await stage.Api.PostAsync("schedule", $"{path}/{serverPostId}/schedule", stage.AgencyKey, new { nextSlot = true }, cancellationToken);
        if (!scheduled.Ok || scheduled.Body?["variants"]?.AsObject() is not { } byChannel)
        {
            return new DraftOutcome(serverPostId, Scheduled: false);
        }

        // What the audience watches for: when each variant is due, and what it says.
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

        return new DraftOutcome(serverPostId, Scheduled: true);
    }

    public Task SendAsync(IReadOnlyList<IAccountCommand> commands, DateTimeOffset now, CancellationToken cancellationToken) =>
        stage.SendAsync([.. commands], cancellationToken);

    public async Task<IReadOnlyList<AccountInbox>> ReadInboxAsync(IReadOnlyList<RehearsalAccount> accounts, bool escalations, CancellationToken cancellationToken)
    {
        var inboxes = new AccountInbox[accounts.Count];
        await stage.ForEachAsync(Enumerable.Range(0, accounts.Count), async (i, ct) =>
        {
            var account = accounts[i];
            var reports = await stage.Api.GetAsync("read-reports", $"/accounts/{account.ServerId}/reports", stage.AgencyKey, ct);
            var open = escalations ? await stage.Api.GetAsync("read-escalations", $"/accounts/{account.ServerId}/escalations?open=true", stage.AgencyKey, ct) : null;
            inboxes[i] = new AccountInbox(
                [.. (reports.Body?["reports"]?.AsArray() ?? []).Select(r => (r!["reportId"]!.GetValue<string>(), r["issuedAt"]!.GetValue<DateTimeOffset>()))],
                [.. (open?.Body?["escalations"]?.AsArray() ?? []).Select(e => (e!["escalationId"]!.GetValue<string>(), e["acknowledgedAt"]?.GetValue<DateTimeOffset>()))]);
        }, cancellationToken);
        return inboxes;
    }
}
