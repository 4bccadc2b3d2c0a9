using System.Globalization;
using PublishingCluster.Channels;
using PublishingCluster.Channels.Simulated;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Simulation.Agency;
using PublishingCluster.Simulation.Clients;
using PublishingCluster.Simulation.Running;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>
/// Plays a scenario's agency, clients and audience against a running server through its public HTTP API only,
/// paced on the server's clock. Each step of <see cref="Scenario.StepMinutes"/> of server time (several at once
/// when the server's clock runs ahead of the rehearsal): the agency's weekly drafting and daily round, the clients'
/// answers and calls that fell due, the desk's answers within its capacity; then the posts due by now are read
/// back, and what the server published draws the audience's engagements, posted to the accounts. It stops when the
/// server's clock passes the scenario's days, at the wall-clock bound, or when cancelled.
/// </summary>
public sealed class RehearsalRun(Scenario scenario, RehearsalOptions options, ApiConnection api)
{
    /// <summary>A variant still not published this long after its time is no longer watched (the server gives up after a day).</summary>
    private static readonly TimeSpan WatchFor = TimeSpan.FromDays(2);

    private readonly ScheduledActions _planned = new();
    private readonly Lock _plannedGate = new();
    private readonly List<RehearsalAccount> _accounts = [];
    private readonly Dictionary<string, RehearsalAccount> _byServerId = new(StringComparer.Ordinal);
    private readonly ServerClock _clock = new(api, options.OperatorKey);
    private Scenario _s = null!;
    private EngagementDesk _desk = null!;
    private SimulatedAudience _audience = null!;
    private string _agencyKey = string.Empty;
    private long _published;
    private long _engagements;

    public async Task<RehearsalOutcome> RunAsync(CancellationToken cancellationToken)
    {
        ScenarioRules.Validate(scenario);
        var first = await _clock.ReadAsync(cancellationToken);
        CheckPace(first);
        _s = scenario with { Start = first.Now };
        _desk = new EngagementDesk(_s.Agency.ResponsesPerHour ?? _s.Accounts * 0.5);
        _audience = new SimulatedAudience(_s.Audience.ToSettings(_s.Seed));
        _agencyKey = options.AgencyKey ?? await RegisterAgencyAsync(cancellationToken);

        string stoppedBy;
        string? problem = null;
        try
        {
            await OpenAccountsAsync(cancellationToken);
            stoppedBy = await PlayAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stoppedBy = "interrupted";
        }
        catch (RehearsalException e) when (_accounts.Any(a => a.ServerId.Length > 0))
        {
            // The server went away mid-run: what was measured so far is still worth writing down.
            stoppedBy = "server lost";
            problem = e.Message;
        }

        var load = api.Meter.Snapshot();
        var wall = api.Meter.Elapsed;
        var serverEnd = problem is null ? await LastServerTimeAsync() : null;
        RehearsalResult? result = null;
        if (problem is null)
        {
            // Bounded, so a server that stops answering cannot keep the rehearsal from ending.
            var limit = TimeSpan.FromMinutes(2) + (_accounts.Count * TimeSpan.FromMilliseconds(100));
            using var bound = new CancellationTokenSource(limit);
            try
            {
                result = await new OutcomeReader(api, _agencyKey, options.Concurrency).ReadAsync(_accounts.Where(a => a.ServerId.Length > 0).ToList(), _s.Start, _s.End, bound.Token);
            }
            catch (OperationCanceledException) when (bound.IsCancellationRequested)
            {
                problem = $"the outcome could not be read back from the server within {Duration(limit)}.";
            }
        }

        return new RehearsalOutcome(_s, first, serverEnd, wall, stoppedBy, problem, load.Routes, load.Total, result, _published, _engagements,
            [.. _accounts.Where(a => a.ServerId.Length > 0).Select(a => a.ServerId)]);
    }

    private void CheckPace(ClockReading clock)
    {
        if (options.ClockSpeed is { } speed)
        {
            clock = clock.IsVirtual ? clock with { Speed = speed } : throw new RehearsalException("--clock-speed: the server runs on the real clock, whose speed cannot be set; start it with --clock virtual.", 2);
        }

        var days = TimeSpan.FromDays(scenario.Days);
        var wall = clock.WallTimeOf(days);
        if (wall is null)
        {
            throw new RehearsalException("the server's virtual clock stands still (speed 0): give the rehearsal --clock-speed <factor> to set it going once the accounts are open, or start the server with --clock-speed <factor>.");
        }

        if (!clock.IsVirtual && options.For is null)
        {
            throw new RehearsalException($"the server runs on the real clock, so {scenario.Days} days take {scenario.Days} days: give --for <duration> to bound the rehearsal, or start the server with --clock virtual --clock-speed <factor>.", 2);
        }

        var bound = options.For is { } limit && limit < wall ? $"; --for {Duration(limit)} stops it first" : string.Empty;
        options.Progress?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Server {api.BaseAddress}: clock {clock.Mode} at {clock.Now:yyyy-MM-dd HH:mm} UTC, speed {clock.Speed}; {scenario.Days} days take about {Duration(wall.Value)}{bound}."));
    }

    private async Task<string> RegisterAgencyAsync(CancellationToken cancellationToken)
    {
        var agencyId = $"rehearsal-{Guid.NewGuid():N}"[..24];
        var registered = await api.PostAsync("register-agency", "/admin/agencies", options.OperatorKey, new { agencyId, name = $"Rehearsal of {scenario.Name}" }, cancellationToken);
        if (!registered.Ok)
        {
            throw new RehearsalException($"the server refused to register the rehearsal's agency: {registered.Reason}");
        }

        var key = await api.PostAsync("issue-key", $"/admin/agencies/{agencyId}/keys", options.OperatorKey, new { label = "rehearsal", role = "AgencyAdmin", accountIds = Array.Empty<string>() }, cancellationToken);
        return key.Ok && key.Body?["token"]?.GetValue<string>() is { } token
            ? token
            : throw new RehearsalException($"the server refused to issue the rehearsal's agency key: {key.Reason}");
    }

    private async Task OpenAccountsAsync(CancellationToken cancellationToken)
    {
        var blueprints = Enumerable.Range(0, _s.Accounts).Select(i => new AccountBlueprint(_s, i)).ToList();
        var behaviours = ClientAssignment.Assign([.. blueprints.Select(b => b.AccountId)], _s.Clients.Shares(), _s.Seed);
        _accounts.AddRange(blueprints.Select(b => new RehearsalAccount(b, new SimulatedClient(b.AccountId, behaviours[b.AccountId], _s.Seed))));
        await ForEachAsync(_accounts, OpenAsync, cancellationToken);
        foreach (var account in _accounts)
        {
            _byServerId[account.ServerId] = account;
        }

        await MeasureGoalsAsync(_s.Start, cancellationToken);
        for (var week = 0; week <= _s.Agency.DraftWeeksAhead; week++)
        {
            await DraftAsync(week, _s.Start, cancellationToken);
        }

        PlanContacts(DateOnly.FromDateTime(_s.Start.UtcDateTime));
        Progress(_s.Start);
        if (options.ClockSpeed is { } speed)
        {
            // The accounts are set up (on a still clock, if the server's stood still); the scenario's time runs from here.
            var set = await api.PostAsync("clock", "/admin/clock", options.OperatorKey, new { speed }, cancellationToken);
            if (!set.Ok)
            {
                throw new RehearsalException($"the server refused to set its clock's speed: {set.Reason}");
            }
        }
    }

    private async Task OpenAsync(RehearsalAccount account, CancellationToken cancellationToken)
    {
        var blueprint = account.Blueprint;
        var opened = await api.PostAsync("open-account", "/accounts", _agencyKey, new { name = $"Client {blueprint.Index}", contract = blueprint.Contract() }, cancellationToken);
        account.ServerId = opened.Ok && opened.Body?["accountId"]?.GetValue<string>() is { } id
            ? id
            : throw Refused("open an account", opened);
        for (var c = 0; c < blueprint.Networks.Count; c++)
        {
            var network = blueprint.Networks[c];
            var connected = await api.PostAsync("connect-channel", $"/accounts/{id}/channels", _agencyKey,
                new { network, handle = blueprint.HandleOf(c), timeZone = blueprint.TimeZone, queueSlots = blueprint.Slots(network) }, cancellationToken);
            account.ChannelIds.Add(connected.Ok && connected.Body?["channel"]?["channelId"]?.GetValue<string>() is { } channelId
                ? channelId
                : throw Refused("connect a channel", connected));
            _audience.Register(network, blueprint.HandleOf(c), blueprint.TimeZone, blueprint.InitialFollowersOf(c), _s.Start);
        }
    }

    private RehearsalException Refused(string what, ApiAnswer answer) => answer.Status switch
    {
        401 => new RehearsalException($"the server refused the agency key (401 Unauthorized){(options.AgencyKey is null ? string.Empty : ": check --agency-key")}."),
        403 => new RehearsalException($"the agency key may not {what} (403 Forbidden): the rehearsal needs an AgencyAdmin key."),
        null => new RehearsalException($"cannot reach the server at {api.BaseAddress}: {answer.Error}"),
        _ => new RehearsalException($"the server refused to {what}: {answer.Reason}"),
    };

    /// <summary>Steps on the server's clock until the scenario's days have passed, the wall-clock bound is reached or the run is cancelled.</summary>
    private async Task<string> PlayAsync(CancellationToken cancellationToken)
    {
        var step = TimeSpan.FromMinutes(_s.StepMinutes);
        var last = _s.Start;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var left = options.For is { } limit ? limit - api.Meter.Elapsed : TimeSpan.MaxValue;
            if (left <= TimeSpan.Zero)
            {
                return "for";
            }

            var clock = await _clock.ReadAsync(cancellationToken);
            var now = clock.Now < _s.End ? clock.Now : _s.End;
            if (now < last + step && clock.Now < _s.End)
            {
                // Sleep about until the server's clock reaches the next step, in short naps so a bound or Ctrl+C is seen soon.
                var wait = clock.WallTimeOf(last + step - now) ?? TimeSpan.FromSeconds(1);
                var nap = TimeSpan.FromMilliseconds(Math.Clamp(Math.Min(wait.TotalMilliseconds, left.TotalMilliseconds), 10, 2000));
                await Task.Delay(nap, cancellationToken);
                continue;
            }

            await StepAsync(last, now, cancellationToken);
            if (DaysCrossed(last, now).Any())
            {
                Progress(now);
            }

            last = now;
            if (now >= _s.End)
            {
                return "days";
            }
        }
    }

    /// <summary>One step, from <paramref name="from"/> (exclusive) to <paramref name="now"/>: whatever fell due in between is done now.</summary>
    private async Task StepAsync(DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var day in DaysCrossed(from, now))
        {
            PlanContacts(day);
        }

        for (var week = (int)Math.Floor((from - _s.Start).TotalDays / 7) + 1; _s.Start.AddDays(week * 7) <= now; week++)
        {
            await MeasureGoalsAsync(now, cancellationToken);
            await DraftAsync(week + _s.Agency.DraftWeeksAhead, now, cancellationToken);
        }

        // The agency's morning round, on weekdays at 09:00 UTC: read what the accounts issued and raised.
        if (DaysCrossed(from.AddHours(-9), now.AddHours(-9)).Any(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)))
        {
            await MorningRoundAsync(now, cancellationToken);
        }

        List<IAccountCommand> due;
        lock (_plannedGate)
        {
            due = _planned.TakeDue(now);
        }

        due.AddRange(_desk.Work(now, now - from));
        await SendAsync(due, cancellationToken);
        await WatchPublishedAsync(now, cancellationToken);
        await DeliverEngagementsAsync(now, cancellationToken);
    }

    /// <summary>The UTC days whose midnight is in (<paramref name="from"/>, <paramref name="to"/>].</summary>
    private static IEnumerable<DateOnly> DaysCrossed(DateTimeOffset from, DateTimeOffset to)
    {
        for (var day = DateOnly.FromDateTime(from.UtcDateTime).AddDays(1); day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) <= to.UtcDateTime; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    private void PlanContacts(DateOnly day)
    {
        lock (_plannedGate)
        {
            foreach (var account in _accounts)
            {
                if (ClientAsks.ContactOn(account.ServerId, account.Client, day, _s.End) is { } contact && contact.At >= _s.Start)
                {
                    _planned.Plan(contact.At, contact.Command);
                }
            }
        }
    }

    /// <summary>The agency drafts week <paramref name="week"/>'s posts for every account, sends them to the clients and asks them for material.</summary>
    private async Task DraftAsync(int week, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_s.Start.AddDays(week * 7) >= _s.End)
        {
            return;
        }

        await ForEachAsync(_accounts, async (account, ct) =>
        {
            for (var n = 0; n < _s.PostsPerWeek; n++)
            {
                await DraftPostAsync(account, $"w{week:D3}-{n}", week, n, now, ct);
            }

            var (asked, answers) = ClientAsks.Weekly(account.ServerId, account.Client, week, now, _s.End);
            foreach (var command in asked)
            {
                await SendAsync(command, ct);
            }

            Plan(answers);
        }, cancellationToken);
    }

    private async Task DraftPostAsync(RehearsalAccount account, string postId, int week, int n, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var blueprint = account.Blueprint;
        var tailored = StableChance.Of(_s.Seed, "agency/tailored", $"{blueprint.AccountId}/{postId}", 0) < _s.Agency.TailoredVariants;
        var written = PostWriter.Variants(blueprint, postId, tailored);
        // PostWriter writes one variant per channel, in the blueprint's channel order.
        var variants = written.Select((v, c) => new { channelId = account.ChannelIds[c], text = v.Text, media = v.Media }).ToList();
        var path = $"/accounts/{account.ServerId}/posts";
        var created = await api.PostAsync("create-post", path, _agencyKey, new { title = $"Week {week} post {n}", variants }, cancellationToken, idempotencyKey: $"{account.ServerId}-{postId}");
        if (!created.Ok || created.Body?["postId"]?.GetValue<string>() is not { } serverPostId)
        {
            return;
        }

        account.PostIds.Add(serverPostId);
        foreach (var action in new[] { "submit", "approve" })
        {
            if (!(await api.PostAsync(action, $"{path}/{serverPostId}/{action}", _agencyKey, null, cancellationToken)).Ok)
            {
                return;
            }
        }

        var scheduled = await api.PostAsync("schedule", $"{path}/{serverPostId}/schedule", _agencyKey, new { nextSlot = true }, cancellationToken);
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

        if (account.Client.ApprovesPost(postId, now) is { } approves && approves < _s.End)
        {
            Plan([(approves, new ClientApprovePost(account.ServerId, serverPostId))]);
        }
    }

    /// <summary>The followers across each account's channels (the audience's), recorded as the goal's measurement.</summary>
    private Task MeasureGoalsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ForEachAsync(_accounts, (account, ct) =>
        {
            var blueprint = account.Blueprint;
            var followers = Enumerable.Range(0, blueprint.Networks.Count).Sum(c => _audience.FollowersOf(blueprint.Networks[c], blueprint.HandleOf(c), now));
            return SendAsync(new RecordGoalMeasurement(account.ServerId, AccountBlueprint.GoalId, followers, now), ct);
        }, cancellationToken);

    /// <summary>New reports go to their clients, who read them as they do; the agency acknowledges its open escalations and resolves them a day later.</summary>
    private Task MorningRoundAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ForEachAsync(_accounts, async (account, ct) =>
        {
            var reports = await api.GetAsync("read-reports", $"/accounts/{account.ServerId}/reports", _agencyKey, ct);
            foreach (var report in reports.Body?["reports"]?.AsArray() ?? [])
            {
                var reportId = report!["reportId"]!.GetValue<string>();
                if (account.ReportsSeen.Add(reportId) && account.Client.ReadsReport(reportId, report["issuedAt"]!.GetValue<DateTimeOffset>()) is { } reads && reads < _s.End)
                {
                    Plan([(reads > now ? reads : now, new AcknowledgeReport(account.ServerId, reportId, AccountBlueprint.ClientContact))]);
                }
            }

            if (!_s.Agency.FollowsUpEscalations)
            {
                return;
            }

            var open = await api.GetAsync("read-escalations", $"/accounts/{account.ServerId}/escalations?open=true", _agencyKey, ct);
            foreach (var escalation in open.Body?["escalations"]?.AsArray() ?? [])
            {
                var escalationId = escalation!["escalationId"]!.GetValue<string>();
                var acknowledged = escalation["acknowledgedAt"]?.GetValue<DateTimeOffset>();
                if (acknowledged is null)
                {
                    await SendAsync(new AcknowledgeEscalation(account.ServerId, escalationId, AccountBlueprint.AccountManager), ct);
                }
                else if (now - acknowledged >= TimeSpan.FromHours(20))
                {
                    await SendAsync(new ResolveEscalation(account.ServerId, escalationId, AccountBlueprint.AccountManager), ct);
                }
            }
        }, cancellationToken);

    /// <summary>Reads back the posts due by now; each variant the server reports published goes up before the audience.</summary>
    private Task WatchPublishedAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ForEachAsync(_accounts.Where(a => a.Open.Count > 0), async (account, ct) =>
        {
            List<DraftedPost> due;
            lock (account)
            {
                due = [.. account.Open.Values.Where(p => p.DueAt.Any(d => !p.Settled.Contains(d.Key) && d.Value <= now))];
            }

            foreach (var post in due)
            {
                var read = await api.GetAsync("read-post", $"/accounts/{account.ServerId}/posts/{post.PostId}", _agencyKey, ct);
                if (read.Status == 404)
                {
                    post.Settled.UnionWith(post.DueAt.Keys);
                }
                else if (read.Ok && read.Body?["variants"]?.AsObject() is { } variants)
                {
                    var status = read.Body["status"]?.GetValue<string>();
                    foreach (var (channelId, variant) in variants)
                    {
                        Settle(account, post, channelId, variant!, status, now);
                    }
                }

                lock (account)
                {
                    if (post.DueAt.Keys.All(post.Settled.Contains))
                    {
                        account.Open.Remove(post.PostId);
                    }
                }
            }
        }, cancellationToken);

    private void Settle(RehearsalAccount account, DraftedPost post, string channelId, System.Text.Json.Nodes.JsonNode variant, string? postStatus, DateTimeOffset now)
    {
        if (post.Settled.Contains(channelId) || !post.DueAt.TryGetValue(channelId, out var dueAt))
        {
            return;
        }

        var delivery = variant["delivery"]?.GetValue<string>();
        if (delivery == nameof(VariantDelivery.Published) && variant["publishedAt"]?.GetValue<DateTimeOffset>() is { } publishedAt)
        {
            var c = account.ChannelIndexOf(channelId);
            var network = account.Blueprint.Networks[c];
            var handle = account.Blueprint.HandleOf(c);
            var (text, media) = post.Variants[channelId];
            // The variant's idempotency key as the server builds it names the account and channel the engagements go to.
            var key = $"{account.ServerId}/{post.PostId}/{channelId}";
            _audience.Published(new PublishRequest(key, network, handle, text, media, publishedAt),
                new Publication(key, network, handle, variant["externalId"]?.GetValue<string>() ?? key, publishedAt, text));
            Interlocked.Increment(ref _published);
            post.Settled.Add(channelId);
        }
        else if (delivery == nameof(VariantDelivery.Failed) || postStatus is "Expired" or "Cancelled" || now - dueAt > WatchFor)
        {
            post.Settled.Add(channelId);
        }
    }

    /// <summary>The audience's engagements due by now, posted to their accounts; each accepted one lands on the desk.</summary>
    private async Task DeliverEngagementsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = _audience.Advance(now);
        var accepted = new List<AudienceEngagement>();
        await ForEachAsync(due.GroupBy(e => e.AccountId).ToList(), async (group, ct) =>
        {
            foreach (var e in group)
            {
                var posted = await api.PostAsync("engagement", $"/accounts/{e.AccountId}/engagements", _agencyKey, new
                {
                    engagementId = e.EngagementId,
                    channelId = e.ChannelId,
                    kind = e.Kind,
                    author = e.Author,
                    text = e.Text,
                    receivedAt = e.At,
                    sentiment = e.Sentiment,
                }, ct);
                if (posted.Ok)
                {
                    lock (accepted)
                    {
                        accepted.Add(e);
                    }
                }
            }
        }, cancellationToken);

        foreach (var e in accepted.OrderBy(e => e.At).ThenBy(e => e.EngagementId, StringComparer.Ordinal))
        {
            _desk.Receive(e.AccountId, e.EngagementId, _byServerId[e.AccountId].Sla, e.Sentiment, e.At);
        }

        Interlocked.Add(ref _engagements, accepted.Count);
    }

    /// <summary>Sends the commands, each account's in their order, accounts side by side up to the concurrency.</summary>
    private Task SendAsync(List<IAccountCommand> commands, CancellationToken cancellationToken) =>
        ForEachAsync(commands.GroupBy(c => c.AccountId).ToList(), async (group, ct) =>
        {
            foreach (var command in group)
            {
                await SendAsync(command, ct);
            }
        }, cancellationToken);

    private async Task SendAsync(IAccountCommand command, CancellationToken cancellationToken)
    {
        var request = HttpCommands.Of(command);
        await api.PostAsync(request.Kind, request.Path, _agencyKey, request.Body, cancellationToken);
    }

    private void Plan(IEnumerable<(DateTimeOffset At, IAccountCommand Command)> actions)
    {
        lock (_plannedGate)
        {
            foreach (var (at, command) in actions)
            {
                _planned.Plan(at, command);
            }
        }
    }

    private Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, Task> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken }, async (item, ct) => await body(item, ct));

    private async Task<DateTimeOffset?> LastServerTimeAsync()
    {
        try
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            return (await _clock.ReadAsync(bound.Token)).Now;
        }
        catch (Exception e) when (e is RehearsalException or OperationCanceledException)
        {
            return null;
        }
    }

    private void Progress(DateTimeOffset now)
    {
        if (options.Progress is not { } progress)
        {
            return;
        }

        var (_, total) = api.Meter.Snapshot();
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{now:yyyy-MM-dd HH:mm} server time  accounts {_accounts.Count}  requests {total.Requests} ({total.PerSecond:0.0}/s, failed {total.Failed}, p99 {total.P99Ms:0.0} ms)  published {Interlocked.Read(ref _published)}  engagements {Interlocked.Read(ref _engagements)}  desk waiting {_desk.WaitingCount}  wall {api.Meter.Elapsed.TotalSeconds:0.0} s"));
    }

    public static string Duration(TimeSpan span) => span.TotalDays >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0.#} days")
        : span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} h")
        : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.#} min")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");
}
