using System.Globalization;
using PublishingCluster.Channels.Simulated;
using PublishingCluster.Simulation.Agency;
using PublishingCluster.Simulation.Clients;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>
/// Plays a scenario's agency, clients and audience against a running server through its public HTTP API only,
/// paced on the server's clock. Each step of <see cref="Scenario.StepMinutes"/> of server time (several at once
/// when the server's clock runs ahead of the rehearsal): the agency's weekly drafting and daily round
/// (<see cref="AgencyPlan{TAccount}"/>, sent by <see cref="AgencyOverHttp"/>), the clients' answers and calls that fell due, the desk's answers within its
/// capacity; then the posts due by now are read back, and what the server published draws the audience's
/// engagements (<see cref="AudienceOverHttp"/>). It stops when the server's clock passes the scenario's days, at the
/// wall-clock bound, or when cancelled; the outcome is then read back from the server.
/// </summary>
public sealed class RehearsalRun(Scenario scenario, RehearsalOptions options, ApiConnection api)
{
    private readonly ServerClock _clock = new(api, options.OperatorKey);
    private RehearsalStage _stage = null!;
    private AgencyPlan<RehearsalAccount> _agency = null!;
    private AudienceOverHttp _audience = null!;
    private EngagementDesk _desk = null!;

    public async Task<RehearsalOutcome> RunAsync(CancellationToken cancellationToken)
    {
        ScenarioRules.Validate(scenario);
        var first = await _clock.ReadAsync(cancellationToken);
        CheckPace(first);
        var played = scenario with { Start = first.Now };
        var agencyKey = options.AgencyKey ?? await RegisterAgencyAsync(cancellationToken);
        _stage = new RehearsalStage(played, api, agencyKey, options.AgencyKey is not null, options.Concurrency);
        var audience = new SimulatedAudience(played.Audience.ToSettings(played.Seed));
        _desk = new EngagementDesk(played.Agency.ResponsesPerHour ?? played.Accounts * 0.5);
        _agency = new AgencyPlan<RehearsalAccount>(played, _stage.Accounts, new AgencyOverHttp(_stage), audience, _stage.Plan);
        _audience = new AudienceOverHttp(_stage, audience, _desk);

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
        catch (RehearsalException e) when (Opened.Count > 0)
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
            var limit = TimeSpan.FromMinutes(2) + (played.Accounts * TimeSpan.FromMilliseconds(100));
            using var bound = new CancellationTokenSource(limit);
            try
            {
                result = await new OutcomeReader(api, agencyKey, options.Concurrency).ReadAsync(Opened, played.Start, played.End, bound.Token);
            }
            catch (OperationCanceledException) when (bound.IsCancellationRequested)
            {
                problem = $"the outcome could not be read back from the server within {Duration(limit)}.";
            }
        }

        return new RehearsalOutcome(played, first, serverEnd, wall, stoppedBy, problem, load.Routes, load.Total, result, _audience.Published, _audience.Engagements,
            [.. Opened.Select(a => a.ServerId)]);
    }

    private List<RehearsalAccount> Opened => [.. _stage.Accounts.Where(a => a.ServerId.Length > 0)];

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
        var s = _stage.Scenario;
        var blueprints = Enumerable.Range(0, s.Accounts).Select(i => new AccountBlueprint(s, i)).ToList();
        var behaviours = ClientAssignment.Assign([.. blueprints.Select(b => b.AccountId)], s.Clients.Shares(), s.Seed);
        _stage.Accounts.AddRange(blueprints.Select(b => new RehearsalAccount(b, new SimulatedClient(b.AccountId, behaviours[b.AccountId], s.Seed))));
        await _agency.OpenAsync(cancellationToken);
        foreach (var account in _stage.Accounts)
        {
            _stage.ByServerId[account.ServerId] = account;
        }

        await _agency.MeasureGoalsAsync(s.Start, cancellationToken);
        for (var week = 0; week <= s.Agency.DraftWeeksAhead; week++)
        {
            await _agency.DraftAsync(week, s.Start, cancellationToken);
        }

        _agency.PlanContacts(DateOnly.FromDateTime(s.Start.UtcDateTime));
        Progress(s.Start);
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

    /// <summary>Steps on the server's clock until the scenario's days have passed, the wall-clock bound is reached or the run is cancelled.</summary>
    private async Task<string> PlayAsync(CancellationToken cancellationToken)
    {
        var step = TimeSpan.FromMinutes(_stage.Scenario.StepMinutes);
        var last = _stage.Scenario.Start;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var left = options.For is { } limit ? limit - api.Meter.Elapsed : TimeSpan.MaxValue;
            if (left <= TimeSpan.Zero)
            {
                return "for";
            }

            var clock = await _clock.ReadAsync(cancellationToken);
            var now = clock.Now < _stage.Scenario.End ? clock.Now : _stage.Scenario.End;
            if (now < last + step && clock.Now < _stage.Scenario.End)
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
            if (now >= _stage.Scenario.End)
            {
                return "days";
            }
        }
    }

    /// <summary>One step, from <paramref name="from"/> (exclusive) to <paramref name="now"/>: whatever fell due in between is done now.</summary>
    private async Task StepAsync(DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var s = _stage.Scenario;
        foreach (var day in DaysCrossed(from, now))
        {
            _agency.PlanContacts(day);
        }

        for (var week = (int)Math.Floor((from - s.Start).TotalDays / 7) + 1; s.Start.AddDays(week * 7) <= now; week++)
        {
            await _agency.MeasureGoalsAsync(now, cancellationToken);
            await _agency.DraftAsync(week + s.Agency.DraftWeeksAhead, now, cancellationToken);
        }

        // The agency's morning round, on weekdays at 09:00 UTC: read what the accounts issued and raised.
        if (DaysCrossed(from.AddHours(-9), now.AddHours(-9)).Any(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)))
        {
            await _stage.SendAsync(await _agency.MorningRoundAsync(now, cancellationToken), cancellationToken);
        }

        var due = _stage.TakeDue(now);
        due.AddRange(_desk.Work(now, now - from));
        await _stage.SendAsync(due, cancellationToken);
        await _audience.WatchPublishedAsync(now, cancellationToken);
        await _audience.DeliverEngagementsAsync(now, cancellationToken);
    }

    /// <summary>The UTC days whose midnight is in (<paramref name="from"/>, <paramref name="to"/>].</summary>
    private static IEnumerable<DateOnly> DaysCrossed(DateTimeOffset from, DateTimeOffset to)
    {
        for (var day = DateOnly.FromDateTime(from.UtcDateTime).AddDays(1); day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) <= to.UtcDateTime; day = day.AddDays(1))
        {
            yield return day;
        }
    }

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
            $"{now:yyyy-MM-dd HH:mm} server time  accounts {_stage.Accounts.Count}  requests {total.Requests} ({total.PerSecond:0.0}/s, failed {total.Failed}, p99 {total.P99Ms:0.0} ms)  published {_audience.Published}  engagements {_audience.Engagements}  desk waiting {_desk.WaitingCount}  wall {api.Meter.Elapsed.TotalSeconds:0.0} s"));
    }

    public static string Duration(TimeSpan span) => span.TotalDays >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0.#} days")
        : span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} h")
        : span.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.#} min")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");
}
