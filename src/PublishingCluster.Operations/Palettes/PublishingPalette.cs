using Akka.Actor;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Clocks;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Security;
using PublishingCluster.Domain.Calendar;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Operations.NodeAccess;

namespace PublishingCluster.Operations.Palettes;

/// <summary>
/// The agency's work as the node holds it: accounts, calendars, queues, what the posting coordinators will publish,
/// escalations and reports, the node's clock, and holding a network's sends during its outage. It asks the same
/// actors and read-side code as the HTTP API, as the operator (who sees every agency).
/// </summary>
public sealed class PublishingPalette(
    IAccountAccess accounts,
    AccountDirectory directory,
    INodeActors node,
    NodeConventions conventions,
    TimeProvider clock) : ICommandPalette
{
    private static readonly Caller Operator = new("pbm", Caller.OperatorRole, null);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ChannelGatewayStatus _gateways = new(node);

    public string Name => "publishing";

    public string Description => "Accounts, calendars, queues, due posts, escalations, reports, channels and the clock.";

    public IReadOnlyList<CommandDefinition> Commands =>
    [
        new("accounts", "Accounts, a page at a time, in id order.", [],
        [
            new("--agency", "-a", "agency", "Only this agency's accounts."),
            new("--prefix", "-p", "prefix", "Only ids starting with this."),
            new("--after", null, "id", "The page after this id (the 'next' of the page before)."),
            new("--limit", "-n", "count", "Accounts per page, 1 to 200 (default 50)."),
        ], AccountsAsync),
        new("account", "One account: contract, channels, posts by status and health.", ["<id>"], [], AccountAsync) { TakesAccountId = true },
        new("calendar", "An account's variants due in [from, to) (default: the next 7 days).", ["<id>"],
            [new("--from", null, "instant", "ISO 8601 with offset."), new("--to", null, "instant", "ISO 8601 with offset.")], CalendarAsync) { TakesAccountId = true },
        new("queue", "A channel's posts still to go out, in order, and its next free slot.", ["<id>", "<channel>"], [], QueueAsync) { TakesAccountId = true },
        new("due", "What the posting coordinators will publish: accounts with work due, their variants, and what paused networks hold.", [],
            [new("--next", null, "duration", "How far ahead (default 1h), such as 15m, 6h, 2d.")], DueAsync),
        new("escalations", "Escalations, newest first, across every agency (or one agency or account).", [],
        [
            new("--open", null, null, "Only open ones (--open=false: only resolved ones)."),
            new("--cause", null, "cause", $"One cause: {string.Join(", ", Enum.GetNames<EscalationCause>())}."),
            new("--agency", "-a", "agency", "Only this agency's accounts."),
            new("--account", null, "id", "Only this account."),
        ], EscalationsAsync),
        new("reports", "An account's reports, newest first, and when the period under way closes.", ["<id>"], [], ReportsAsync) { TakesAccountId = true },
        new("channels", "The node's channel gateways: sending or paused, calls in flight and waiting.", [], [], ChannelsAsync),
        new("pause-channel", "Hold every send to a network on this node (an outage); nothing is lost.", ["<network>"], [], context => PauseAsync(context, paused: true)),
        new("resume-channel", "Send again to a network: what waited goes out, once each.", ["<network>"], [], context => PauseAsync(context, paused: false)),
        new("clock", "The node's clock: real or virtual, now, speed; and paused networks.", [], [], ClockAsync),
    ];

    private async Task AccountsAsync(CommandContext context)
    {
        var agency = context.Args.Value("--agency");
        var limit = context.Args.Int("--limit", 50, 1, 200);
        var after = context.Args.Value("--after");
        var rows = new List<AccountSummary>();
        string? scanned = after;
        var more = true;
        // An agency filter reads the accounts to know their agency: scan pages until the page is full.
        while (rows.Count < limit && more)
        {
            var ids = await directory.IdsAsync(context.Args.Value("--prefix") ?? string.Empty, scanned, limit, context.Cancellation);
            more = ids.Count == limit;
            foreach (var summary in await Task.WhenAll(ids.Select(id => SummaryAsync(id, context.Cancellation))))
            {
                scanned = summary.AccountId;
                if (agency is null || summary.AgencyId == agency)
                {
                    rows.Add(summary);
                }

                if (rows.Count == limit)
                {
                    break;
                }
            }
        }

        var next = more || rows.Count == limit ? scanned : null;
        await context.WriteAsync(
            new { accounts = rows.Select(a => new { a.AccountId, a.AgencyId, a.Name, channels = a.Channels.Count, posts = a.PostsByStatus.Values.Sum(), a.Version }), next },
            CommandText.Table(["account", "agency", "name", "channels", "posts", "version"],
                    rows.Select(a => (IReadOnlyList<string>)[a.AccountId, a.AgencyId, a.Name, a.Channels.Count.ToString(), a.PostsByStatus.Values.Sum().ToString(), a.Version.ToString()]))
                .Append($"Count: {rows.Count} accounts{(next is null ? string.Empty : $"; next page: --after {next}")}"));
    }

    private async Task AccountAsync(CommandContext context)
    {
        var accountId = context.Args.Required(0);
        var summary = await SummaryAsync(accountId, context.Cancellation);
        var open = Expect<EscalationsFound>(await AskAsync(new GetEscalations(accountId, new EscalationFilter(Open: true), Operator), context.Cancellation)).Escalations;
        var engagements = Expect<EngagementsFound>(await AskAsync(new GetEngagements(accountId, Open: true, Operator), context.Cancellation)).Engagements;
        var reports = Expect<ReportsFound>(await AskAsync(new GetReports(accountId, Operator), context.Cancellation)).Reports;
        var failed = summary.PostsByStatus.GetValueOrDefault(PostStatus.Failed);
        var partnership = Expect<PartnershipFound>(await AskAsync(new GetPartnership(accountId, clock.GetUtcNow(), Operator), context.Cancellation)).Health;
        var health = new
        {
            partnershipScore = partnership.Score,
            partnershipBand = partnership.Band.ToString(),
            partnershipReasons = partnership.Reasons,
            openEscalations = open.Count,
            highestLevel = open.Count == 0 ? null : open.Max(e => e.Level).ToString(),
            openEngagements = engagements.Count,
            unacknowledgedReports = reports.Count(r => r.AcknowledgedAt is null),
            failedPosts = failed,
        };
        var contract = summary.Contract;
        await context.WriteAsync(new { account = summary, health },
        [
            $"account: {summary.AccountId} ({summary.Name})",
            $"agency: {summary.AgencyId}",
            $"opened: {CommandText.Instant(summary.OpenedAt)}, version {summary.Version}",
            $"contract: {string.Join(", ", contract.Scope.Select(s => $"{s.Network} {s.PostsPerWeek}/week"))}; reports {contract.ReportingCadence}; manager {contract.Roles.AccountManager}",
            $"posts: {(summary.PostsByStatus.Count == 0 ? "none" : string.Join(", ", summary.PostsByStatus.Select(p => $"{p.Key} {p.Value}")))}",
            $"partnership: {partnership.Score} of 100 ({partnership.Band}){(partnership.Reasons.IsEmpty ? string.Empty : ": " + string.Join(" ", partnership.Reasons))}",
            $"health: {health.openEscalations} open escalations{(health.highestLevel is null ? string.Empty : $" (up to {health.highestLevel})")}, {health.openEngagements} open engagements, {health.unacknowledgedReports} unacknowledged reports, {health.failedPosts} failed posts",
            "channels:",
            .. CommandText.Table(["channel", "network", "handle", "time zone", "slots"],
                summary.Channels.Select(c => (IReadOnlyList<string>)[c.ChannelId, c.Network.ToString(), c.Handle, c.TimeZone, c.QueueSlots.Count.ToString()])).Select(l => "  " + l),
        ]);
    }

    private async Task CalendarAsync(CommandContext context)
    {
        var accountId = context.Args.Required(0);
        var from = Instant(context, "--from") ?? clock.GetUtcNow();
        var to = Instant(context, "--to") ?? from.AddDays(7);
        var calendar = Expect<CalendarFound>(await AskAsync(new GetCalendar(accountId, from, to, Operator), context.Cancellation));
        await context.WriteAsync(calendar,
            CommandText.Table(["scheduled", "post", "title", "channel", "network", "status", "delivery"], calendar.Entries.Select(Row))
                .Append($"Count: {calendar.Entries.Count} variants from {CommandText.Instant(from)} to {CommandText.Instant(to)}"));
    }

    private async Task QueueAsync(CommandContext context)
    {
        var accountId = context.Args.Required(0);
        var channelId = ChannelOf(await SummaryAsync(accountId, context.Cancellation), context.Args.Required(1));
        var queue = Expect<ChannelQueueFound>(await AskAsync(new GetChannelQueue(accountId, channelId, clock.GetUtcNow(), Operator), context.Cancellation));
        await context.WriteAsync(queue,
            CommandText.Table(["scheduled", "post", "title", "channel", "network", "status", "delivery"], queue.Entries.Select(Row))
                .Append($"Count: {queue.Entries.Count} variants; next free slot: {CommandText.Instant(queue.NextFreeSlot)}"));
    }

    private async Task DueAsync(CommandContext context)
    {
        var now = clock.GetUtcNow();
        var until = now + context.Args.Duration("--next", TimeSpan.FromHours(1));
        var region = await node.PostingRegionAsync(context.Cancellation);
        var answers = await Task.WhenAll(node.PostingPartitions.All.Select(p => region.Ask<DueAnswer>(new GetDue(p, until), Timeout, context.Cancellation)));
        var due = answers.SelectMany(a => a.Due).OrderBy(d => d.Due).ThenBy(d => d.AccountId, StringComparer.Ordinal).ToList();
        // What each due account will send: its variants not yet out, from a day back (held ones) to the horizon.
        var shown = due.Take(50).ToList();
        var variants = new List<(string AccountId, CalendarEntry Entry)>();
        foreach (var (accountId, _) in shown)
        {
            if (await AskAsync(new GetCalendar(accountId, now.AddDays(-1), until, Operator), context.Cancellation) is CalendarFound calendar)
            {
                variants.AddRange(calendar.Entries
                    .Where(e => e.Status is PostStatus.Scheduled or PostStatus.Publishing && e.Delivery is VariantDelivery.Pending or VariantDelivery.Publishing)
                    .Select(e => (accountId, e)));
            }
        }

        var gateways = await _gateways.AllAsync(context.Cancellation);
        var paused = gateways.Where(g => g.Paused).Select(g => g.Network).ToHashSet();
        // Sends a paused network holds: their accounts wait for an answer, so they are not due again meanwhile.
        var held = await _gateways.HeldAsync(gateways, 50, context.Cancellation);
        var lines = new List<string>
        {
            $"Tracked: {answers.Sum(a => a.Tracked)} accounts in {answers.Length} partitions; due by {CommandText.Instant(until)}: {due.Count}",
        };
        if (ChannelGatewayStatus.PausedLine(gateways) is { } pausedLine)
        {
            lines.Add(pausedLine);
        }

        lines.AddRange(CommandText.Table(["due", "account"], shown.Select(d => (IReadOnlyList<string>)[CommandText.Instant(d.Due), d.AccountId])));
        lines.Add($"Variants to send: {variants.Count}");
        lines.AddRange(CommandText.Table(["scheduled", "account", "post", "network", "delivery", "channel state"],
            variants.OrderBy(v => v.Entry.ScheduledAt).Select(v => (IReadOnlyList<string>)[
                CommandText.Instant(v.Entry.ScheduledAt), v.AccountId, v.Entry.PostId, v.Entry.Network.ToString(), v.Entry.Delivery.ToString(), paused.Contains(v.Entry.Network) ? "paused" : "sending"])));
        if (held.Count > 0)
        {
            lines.Add($"Held by paused networks: {gateways.Where(g => g.Paused).Sum(g => g.Waiting)}");
            lines.AddRange(CommandText.Table(["account", "post", "channel", "network", "channel state"],
                held.Select(h => (IReadOnlyList<string>)[h.AccountId, h.PostId, h.ChannelId, h.Network.ToString(), "paused"])));
        }

        await context.WriteAsync(new
        {
            until,
            held = held.Select(h => new { h.AccountId, h.PostId, h.ChannelId, h.Network, h.IdempotencyKey }),
            tracked = answers.Sum(a => a.Tracked),
            accounts = due.Select(d => new { accountId = d.AccountId, due = d.Due }),
            variants = variants.Select(v => new { accountId = v.AccountId, v.Entry.PostId, v.Entry.ChannelId, v.Entry.Network, v.Entry.ScheduledAt, v.Entry.Delivery, paused = paused.Contains(v.Entry.Network) }),
            pausedNetworks = paused.Order(),
        }, lines);
    }

    private async Task EscalationsAsync(CommandContext context)
    {
        var filter = new EscalationFilter(Open: context.Args.Flag("--open"), Cause: context.Args.Enum<EscalationCause>("--cause"));
        IReadOnlyList<AccountEscalation> found;
        if (context.Args.Value("--account") is { } accountId)
        {
            var reply = Expect<EscalationsFound>(await AskAsync(new GetEscalations(accountId, filter, Operator), context.Cancellation));
            found = [.. reply.Escalations.Select(e => new AccountEscalation(accountId, e))];
        }
        else
        {
            found = await accounts.EscalationsAsync(context.Args.Value("--agency"), filter, context.Cancellation);
        }

        await context.WriteAsync(new { escalations = found },
            CommandText.Table(["raised", "account", "escalation", "cause", "level", "assignee", "state"], found.Select(e => (IReadOnlyList<string>)[
                    CommandText.Instant(e.Escalation.RaisedAt), e.AccountId, e.Escalation.EscalationId, e.Escalation.Cause.ToString(), e.Escalation.Level.ToString(), e.Escalation.Assignee,
                    e.Escalation.ResolvedAt is not null ? "resolved" : e.Escalation.AcknowledgedAt is not null ? "acknowledged" : "open"]))
                .Append($"Count: {found.Count} escalations"));
    }

    private async Task ReportsAsync(CommandContext context)
    {
        var found = Expect<ReportsFound>(await AskAsync(new GetReports(context.Args.Required(0), Operator), context.Cancellation));
        await context.WriteAsync(found,
            CommandText.Table(["report", "period", "from", "until", "issued", "acknowledged"], found.Reports.Select(r => (IReadOnlyList<string>)[
                    r.ReportId, r.Period.Cadence.ToString(), CommandText.Instant(r.From), CommandText.Instant(r.Until), CommandText.Instant(r.IssuedAt), CommandText.Instant(r.AcknowledgedAt)]))
                .Append($"Count: {found.Reports.Count} reports; the period under way ({found.Cadence}, {found.TimeZone}) closes {CommandText.Instant(found.NextClose)}"));
    }

    private async Task ChannelsAsync(CommandContext context)
    {
        var statuses = await _gateways.AllAsync(context.Cancellation);
        await context.WriteAsync(new { channels = statuses },
            CommandText.Table(["network", "state", "in flight", "waiting", "sent"], statuses.Select(s => (IReadOnlyList<string>)[
                s.Network.ToString(), s.Paused ? "paused" : "sending", s.InFlight.ToString(), s.Waiting.ToString(), s.Sent.ToString()])));
    }

    private async Task PauseAsync(CommandContext context, bool paused)
    {
        var text = context.Args.Required(0);
        if (!CommandText.TryParseEnum<Network>(text, out var network))
        {
            var close = CommandText.Suggestions(text, Enum.GetNames<Network>());
            throw CommandException.Usage($"Unknown network '{text}'.{(close.Count > 0 ? $" Did you mean '{close[0]}'?" : string.Empty)} Networks: {string.Join(", ", Enum.GetNames<Network>())}.");
        }

        var status = await _gateways.PauseAsync(network, paused, context.Cancellation);
        await context.WriteAsync(status, paused
            ? $"{status.Network}: paused on this node; {status.Waiting} waiting, {status.InFlight} in flight (those finish). 'resume-channel {status.Network}' sends what waits."
            : $"{status.Network}: sending; {status.Waiting} waiting go out now, {status.InFlight} in flight.");
    }

    private async Task ClockAsync(CommandContext context)
    {
        var statuses = await _gateways.AllAsync(context.Cancellation);
        var (mode, speed) = clock is VirtualClock v ? ("virtual", v.Speed) : ("real", 1.0);
        var now = clock.GetUtcNow();
        var paused = statuses.Where(s => s.Paused).Select(s => s.Network).Order().ToList();
        await context.WriteAsync(new { mode, now, speed, pausedNetworks = paused },
            new[] { $"clock: {mode}", $"now: {CommandText.Instant(now)}", $"speed: {speed}" }
                .Append(ChannelGatewayStatus.PausedLine(statuses) ?? "channels: every network sending"));
    }

    private static IReadOnlyList<string> Row(CalendarEntry e) =>
        [CommandText.Instant(e.ScheduledAt), e.PostId, e.Title, e.ChannelId, e.Network.ToString(), e.Status.ToString(), e.Delivery.ToString()];

    private DateTimeOffset? Instant(CommandContext context, string option) =>
        context.Args.Value(option) is not { } text ? null
        : conventions.ParseInstant(text, out var instant) ? instant
        : throw CommandException.Usage($"{option} is an ISO 8601 time with its offset, such as 2027-03-01T00:00:00Z, not '{text}'.");

    /// <summary>A channel by id, or by network when the account has one channel there.</summary>
    private static string ChannelOf(AccountSummary account, string text)
    {
        if (account.Channels.Any(c => c.ChannelId == text))
        {
            return text;
        }

        if (CommandText.TryParseEnum<Network>(text, out var network))
        {
            var onNetwork = account.Channels.Where(c => c.Network == network).ToList();
            if (onNetwork.Count == 1)
            {
                return onNetwork[0].ChannelId;
            }

            if (onNetwork.Count > 1)
            {
                throw CommandException.Usage($"Account {account.AccountId} has {onNetwork.Count} {network} channels; name one: {string.Join(", ", onNetwork.Select(c => c.ChannelId))}.");
            }
        }

        throw CommandException.NotFound($"Account {account.AccountId} has no channel '{text}'; its channels: {(account.Channels.IsEmpty ? "none" : string.Join(", ", account.Channels.Select(c => $"{c.ChannelId} ({c.Network})")))}.");
    }

    private async Task<AccountSummary> SummaryAsync(string accountId, CancellationToken cancellationToken) =>
        Expect<AccountSummary>(await AskAsync(new GetAccount(accountId, Operator), cancellationToken));

    private async Task<IAccountReply> AskAsync(IAccountRequest request, CancellationToken cancellationToken)
    {
        if (!accounts.IsWellFormed(request.AccountId))
        {
            throw CommandException.NotFound($"There is no account '{request.AccountId}'.");
        }

        return await accounts.AskAsync(request, cancellationToken);
    }

    private static T Expect<T>(IAccountReply reply)
        where T : IAccountReply => reply switch
        {
            T found => found,
            QueryRejected { Rejection: var r } => throw new CommandException(r.Kind == PublishingCluster.Domain.Common.RejectionKind.NotFound ? CommandErrors.NotFound : CommandErrors.Usage, r.Message),
            CommandFailed f => throw CommandException.Failed(f.Reason),
            _ => throw CommandException.Failed($"The account answered {reply.GetType().Name}."),
        };
}
