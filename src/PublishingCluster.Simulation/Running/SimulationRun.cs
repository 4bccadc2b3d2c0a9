using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Audience;
using PublishingCluster.Actors.Gateways;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Security;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Reporting;
using PublishingCluster.Simulation.Agency;
using PublishingCluster.Simulation.Clients;
using PublishingCluster.Simulation.Results;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Running;

/// <summary>
/// Plays a scenario on a <see cref="SimulationNode"/>. The virtual clock moves in steps of the scenario's
/// <see cref="Scenario.StepMinutes"/>; each step runs in phases, and each phase waits until what it started has
/// settled, so nothing depends on how fast threads happen to run:
/// <list type="number">
/// <item>the agency and the clients act (daily round, weekly drafting and goal measurement, client decisions that fell
/// due, the engagement desk), every command stamped with the step's time, and their replies awaited;</item>
/// <item>the posting partitions are ticked; due accounts publish through the gateways; the simulator waits until the
/// gateways are idle and every answer is recorded;</item>
/// <item>the audience's engagements due by now are delivered to the accounts and land on the desk.</item>
/// </list>
/// The summary is built at the end from the accounts' own state, read account by account in id order.
/// </summary>
public sealed class SimulationRun(Scenario scenario, RunOptions options)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(5);
    private const int MaxOutstanding = 20_000;

    private readonly ScheduledActions _planned = new();
    private readonly SortedDictionary<string, int> _refusals = new(StringComparer.Ordinal);
    private readonly List<AccountRecord> _accounts = [];
    private readonly Dictionary<string, AccountRecord> _byId = new(StringComparer.Ordinal);
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private SimulationNode _node = null!;
    private AgencyPlan<AccountRecord> _agency = null!;
    private EngagementDesk _desk = null!;
    private long _events;
    private readonly TimeSpan[] _phases = new TimeSpan[3];

    public async Task<SimulationOutcome> RunAsync(CancellationToken cancellationToken = default)
    {
        ScenarioRules.Validate(scenario);
        var wall = Stopwatch.StartNew();
        await using var node = SimulationNode.Start(scenario, options.Journal, options.OutputFolder);
        _node = node;
        _agency = new AgencyPlan<AccountRecord>(scenario, _accounts, new AgencyToActors(node, SendAsync), node.Audience, Plan);
        _desk = new EngagementDesk(scenario.Agency.ResponsesPerHour ?? scenario.Accounts * 0.5);
        var step = TimeSpan.FromMinutes(scenario.StepMinutes);

        Observe(SimulationStage.Opening, scenario.Start, 0, wall);
        await OpenAccountsAsync();
        var opened = wall.Elapsed;
        Observe(SimulationStage.Stepping, scenario.Start, 0, wall);
        var steps = 0;
        var lastProgress = wall.Elapsed;
        var lastEvents = 0L;
        for (var now = scenario.Start; now < scenario.End; now += step)
        {
            cancellationToken.ThrowIfCancellationRequested();
            node.Clock.AdvanceTo(now);
            var phase = wall.Elapsed;
            await ActAsync(now, step);
            _phases[0] += wall.Elapsed - phase;
            phase = wall.Elapsed;
            await PublishAsync(now);
            _phases[1] += wall.Elapsed - phase;
            phase = wall.Elapsed;
            await DeliverEngagementsAsync(now);
            _phases[2] += wall.Elapsed - phase;
            steps++;
            Observe(SimulationStage.Stepping, now + step, steps, wall);
            if ((now - scenario.Start).Ticks % TimeSpan.TicksPerDay == TimeSpan.TicksPerDay - step.Ticks)
            {
                var elapsed = wall.Elapsed;
                Progress(now + step, _events - lastEvents, elapsed - lastProgress, elapsed);
                lastProgress = elapsed;
                lastEvents = _events;
            }

            await KeepPaceAsync(now + step, wall);
        }

        node.Clock.AdvanceTo(scenario.End);
        Observe(SimulationStage.Collecting, scenario.End, steps, wall);
        await _agency.MeasureGoalsAsync(scenario.End, CancellationToken.None);
        var collecting = wall.Elapsed;
        var finals = await CollectAsync();
        var collected = wall.Elapsed - collecting;
        var summary = SummaryBuilder.Build(scenario, finals, node.Audience.Posts(), node.Log.All(), node.Log.DuplicateSends, _refusals);
        wall.Stop();
        return new SimulationOutcome(summary, wall.Elapsed, steps, _events, new PhaseTimes(opened, _phases[0], _phases[1], _phases[2], collected));
    }

    private async Task OpenAccountsAsync()
    {
        var ids = Enumerable.Range(0, scenario.Accounts).Select(i => new AccountBlueprint(scenario, i)).ToList();
        var behaviours = ClientAssignment.Assign([.. ids.Select(b => b.AccountId)], scenario.Clients.Shares(), scenario.Seed);
        foreach (var blueprint in ids)
        {
            var record = new AccountRecord(blueprint, new SimulatedClient(blueprint.AccountId, behaviours[blueprint.AccountId], scenario.Seed));
            _accounts.Add(record);
            _byId[record.AccountId] = record;
        }

        await _agency.OpenAsync(CancellationToken.None);
        await _agency.MeasureGoalsAsync(scenario.Start, CancellationToken.None);
        for (var week = 0; week <= scenario.Agency.DraftWeeksAhead; week++)
        {
            await _agency.DraftAsync(week, scenario.Start, CancellationToken.None);
        }
    }

    /// <summary>Phase 1: the agency and the clients.</summary>
    private async Task ActAsync(DateTimeOffset now, TimeSpan step)
    {
        var sinceStart = now - scenario.Start;
        var commands = new List<IAccountCommand>();
        if (sinceStart > TimeSpan.Zero && sinceStart.Ticks % TimeSpan.TicksPerDay == 0 && sinceStart.Days % 7 == 0)
        {
            await _agency.MeasureGoalsAsync(now, CancellationToken.None);
            await _agency.DraftAsync((sinceStart.Days / 7) + scenario.Agency.DraftWeeksAhead, now, CancellationToken.None);
        }

        // The agency's morning round, on weekdays at 09:00 UTC: read what the accounts raised and issued.
        if (sinceStart.Ticks % TimeSpan.TicksPerDay == TimeSpan.FromHours(9).Ticks && now.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            commands.AddRange(await _agency.MorningRoundAsync(now, CancellationToken.None));
        }

        if (sinceStart.Ticks % TimeSpan.TicksPerDay == 0)
        {
            _agency.PlanContacts(DateOnly.FromDateTime(now.UtcDateTime));
        }

        commands.AddRange(_planned.TakeDue(now));
        commands.AddRange(_desk.Work(now, step));
        await SendAsync(commands, now);
    }

    /// <summary>Phase 2: the coordinators' tick, and everything it sets off, to the last answer recorded.</summary>
    private async Task PublishAsync(DateTimeOffset now)
    {
        // An account tells its partition when it is next due after it answers; asking it again makes sure that news
        // is on its way to the partition before the tick.
        await BarrierAsync(_touched);
        _touched.Clear();
        var answers = await Task.WhenAll(_node.Partitions.All.Select(p => _node.Posting.Ask<DueAnswer>(new GetDue(p, now), AskTimeout)));
        var woken = answers.SelectMany(a => a.Due).Select(d => d.AccountId).Distinct().ToList();
        if (woken.Count == 0)
        {
            return;
        }

        foreach (var partition in _node.Partitions.All)
        {
            _node.Posting.Tell(new Tick(partition, now));
        }

        // Mailboxes are first in, first out: each ask below is answered only after the stage before it is done.
        await Task.WhenAll(_node.Partitions.All.Select(p => _node.Posting.Ask<DueAnswer>(new GetDue(p, DateTimeOffset.MinValue), AskTimeout)));
        for (var round = 0; round < 2; round++)
        {
            await BarrierAsync(woken);
            foreach (var network in scenario.Networks)
            {
                while (await _node.Gateways.Ask<GatewayStatus>(new GetGatewayStatus(network), AskTimeout) is { InFlight: > 0 } or { Waiting: > 0 })
                {
                    await Task.Delay(1);
                }
            }
        }

        await BarrierAsync(woken);
    }

    /// <summary>Phase 3: the audience's engagements, through the accounts' engagement command, onto the desk.</summary>
    private async Task DeliverEngagementsAsync(DateTimeOffset now)
    {
        var delivered = await _node.Feed.Ask<EngagementsDelivered>(new DeliverEngagements(now), AskTimeout);
        foreach (var (engagement, problem) in delivered.Engagements)
        {
            _touched.Add(engagement.AccountId);
            if (problem is not null)
            {
                Refused("ReceiveEngagement", problem);
                continue;
            }

            var record = _byId[engagement.AccountId];
            _desk.Receive(record.AccountId, engagement.EngagementId, record.Sla, engagement.Sentiment, engagement.At);
        }
    }

    private void Plan(IReadOnlyList<(DateTimeOffset At, IAccountCommand Command)> actions)
    {
        foreach (var (at, command) in actions)
        {
            _planned.Plan(at, command);
        }
    }

    /// <summary>Sends the commands in order (each account receives its own in this order) and waits for every answer.</summary>
    private async Task SendAsync(IEnumerable<IAccountCommand> commands, DateTimeOffset now)
    {
        foreach (var chunk in commands.Chunk(MaxOutstanding))
        {
            var asks = chunk.Select(c => _node.Accounts.Ask<IAccountReply>(new Execute(c, now, Caller.System), AskTimeout)).ToList();
            var replies = await Task.WhenAll(asks);
            for (var i = 0; i < chunk.Length; i++)
            {
                _touched.Add(chunk[i].AccountId);
                switch (replies[i])
                {
                    case CommandAccepted accepted:
                        SawVersion(accepted.AccountId, accepted.Version);
                        break;
                    case CommandRejected rejected:
                        Refused(chunk[i].GetType().Name, rejected.Rejection.Code);
                        break;
                    case CommandFailed failed:
                        throw new InvalidOperationException($"The journal failed {chunk[i].GetType().Name} on {failed.AccountId}: {failed.Reason}");
                }
            }
        }
    }

    /// <summary>Any query is answered only after every write before it: a report id that cannot exist is the cheapest one.</summary>
    private async Task BarrierAsync(IEnumerable<string> accountIds)
    {
        foreach (var chunk in accountIds.Chunk(MaxOutstanding))
        {
            await Task.WhenAll(chunk.Select(id => _node.Accounts.Ask<IAccountReply>(new GetReport(id, "~"), AskTimeout)));
        }
    }

    private async Task<List<AccountFinal>> CollectAsync()
    {
        var finals = new List<AccountFinal>();
        foreach (var chunk in _accounts.Chunk(500))
        {
            var reads = chunk.Select(ReadAsync).ToList();
            finals.AddRange(await Task.WhenAll(reads));
        }

        return finals;
    }

    private async Task<AccountFinal> ReadAsync(AccountRecord record)
    {
        var id = record.AccountId;
        var summary = (AccountSummary)await _node.Accounts.Ask<IAccountReply>(new GetAccount(id), AskTimeout);
        var posts = await Task.WhenAll(record.PostIds.Select(p => _node.Accounts.Ask<IAccountReply>(new GetPost(id, p), AskTimeout)));
        var engagements = (EngagementsFound)await _node.Accounts.Ask<IAccountReply>(new GetEngagements(id), AskTimeout);
        var escalations = (EscalationsFound)await _node.Accounts.Ask<IAccountReply>(new GetEscalations(id, EscalationFilter.Any), AskTimeout);
        var reports = (ReportsFound)await _node.Accounts.Ask<IAccountReply>(new GetReports(id), AskTimeout);
        var partnership = (PartnershipFound)await _node.Accounts.Ask<IAccountReply>(new GetPartnership(id, scenario.End), AskTimeout);
        SawVersion(id, summary.Version);
        return new AccountFinal(record, summary, [.. posts.OfType<PostFound>().Select(p => p.Post)], engagements.Engagements, escalations.Escalations, reports.Reports, partnership);
    }

    private void SawVersion(string accountId, long version)
    {
        var record = _byId[accountId];
        if (version > record.Version)
        {
            _events += version - record.Version;
            record.Version = version;
        }
    }

    private void Refused(string command, string code)
    {
        var key = $"{command}: {code}";
        _refusals[key] = _refusals.GetValueOrDefault(key) + 1;
    }

    private void Progress(DateTimeOffset simulated, long events, TimeSpan wall, TimeSpan elapsed)
    {
        if (options.Progress is not { } progress)
        {
            return;
        }

        var rate = wall.TotalSeconds > 0 ? events / wall.TotalSeconds : 0;
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{simulated:yyyy-MM-dd HH:mm}  accounts {_accounts.Count}  published {_node.Log.Count()}  events {_events}  events/s {rate:0}  desk waiting {_desk.WaitingCount}  wall {elapsed.TotalSeconds:0.0} s"));
    }

    private void Observe(SimulationStage stage, DateTimeOffset simulated, int steps, Stopwatch wall)
    {
        if (options.Observer is not { } observer)
        {
            return;
        }

        var day = Math.Clamp((int)((simulated - scenario.Start).Ticks / TimeSpan.TicksPerDay) + 1, 1, scenario.Days);
        observer(new SimulationProgress(stage, simulated, day, scenario.Days, steps, _accounts.Count, _node.Log.Count(), _events, wall.Elapsed));
    }

    private async Task KeepPaceAsync(DateTimeOffset simulated, Stopwatch wall)
    {
        if (options.Speed is not { } speed || speed <= 0)
        {
            return;
        }

        var due = TimeSpan.FromSeconds((simulated - scenario.Start).TotalSeconds / speed);
        if (due > wall.Elapsed)
        {
            await Task.Delay(due - wall.Elapsed);
        }
    }
}

/// <summary>One account as it stands at the end of a run.</summary>
public sealed record AccountFinal(
    AccountRecord Record,
    AccountSummary Summary,
    IReadOnlyList<Domain.Posts.Post> Posts,
    IReadOnlyList<Domain.Engagement.EngagementItem> Engagements,
    IReadOnlyList<Escalation> Escalations,
    IReadOnlyList<PeriodReport> Reports,
    PartnershipFound Partnership);

/// <summary>A finished run: its summary (the same for the same seed and scenario) and what it cost (which is not).</summary>
public sealed record SimulationOutcome(RunSummary Summary, TimeSpan Wall, int Steps, long Events, PhaseTimes Phases);

/// <summary>Where a run's wall time went: opening the accounts, each phase of the steps, and reading the accounts at the end.</summary>
public sealed record PhaseTimes(TimeSpan Opening, TimeSpan Acting, TimeSpan Publishing, TimeSpan Engagements, TimeSpan Collecting);
