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
    private EngagementDesk _desk = null!;
    private long _events;
    private readonly TimeSpan[] _phases = new TimeSpan[3];

    public async Task<SimulationOutcome> RunAsync(CancellationToken cancellationToken = default)
    {
        ScenarioRules.Validate(scenario);
        var wall = Stopwatch.StartNew();
        await using var node = SimulationNode.Start(scenario, options.Journal, options.OutputFolder);
        _node = node;
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
        await MeasureGoalsAsync(scenario.End);
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
            for (var c = 0; c < blueprint.Networks.Count; c++)
            {
                _node.Audience.Register(blueprint.Networks[c], blueprint.HandleOf(c), blueprint.TimeZone, blueprint.InitialFollowersOf(c), scenario.Start);
            }
        }

        await SendAsync(_accounts.SelectMany(a => a.Blueprint.Opening()), scenario.Start);
        await MeasureGoalsAsync(scenario.Start);
        for (var week = 0; week <= scenario.Agency.DraftWeeksAhead; week++)
        {
            await DraftAsync(week, scenario.Start);
        }
    }

    /// <summary>Phase 1: the agency and the clients.</summary>
    private async Task ActAsync(DateTimeOffset now, TimeSpan step)
    {
        var sinceStart = now - scenario.Start;
        var commands = new List<IAccountCommand>();
        if (sinceStart > TimeSpan.Zero && sinceStart.Ticks % TimeSpan.TicksPerDay == 0 && sinceStart.Days % 7 == 0)
        {
            await MeasureGoalsAsync(now);
            await DraftAsync((sinceStart.Days / 7) + scenario.Agency.DraftWeeksAhead, now);
        }

        // The agency's morning round, on weekdays at 09:00 UTC: read what the accounts raised and issued.
        if (sinceStart.Ticks % TimeSpan.TicksPerDay == TimeSpan.FromHours(9).Ticks && now.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            commands.AddRange(await MorningRoundAsync(now));
        }

        if (sinceStart.Ticks % TimeSpan.TicksPerDay == 0)
        {
            PlanContacts(DateOnly.FromDateTime(now.UtcDateTime));
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

    /// <summary>The calls and emails the clients make on <paramref name="day"/>, logged by the account manager when they happen.</summary>
    private void PlanContacts(DateOnly day)
    {
        foreach (var record in _accounts)
        {
            if (ClientAsks.ContactOn(record.AccountId, record.Client, day, scenario.End) is { } contact)
            {
                _planned.Plan(contact.At, contact.Command);
            }
        }
    }

    /// <summary>The agency drafts week <paramref name="week"/>'s posts for every account and sends them to the clients.</summary>
    private async Task DraftAsync(int week, DateTimeOffset now)
    {
        if (scenario.Start.AddDays(week * 7) >= scenario.End)
        {
            return;
        }

        var commands = new List<IAccountCommand>();
        foreach (var record in _accounts)
        {
            for (var n = 0; n < scenario.PostsPerWeek; n++)
            {
                var postId = $"w{week:D3}-{n}";
                var tailored = Chance("tailored", $"{record.AccountId}/{postId}") < scenario.Agency.TailoredVariants;
                record.PostIds.Add(postId);
                commands.Add(new CreatePost(record.AccountId, postId, $"Week {week} post {n}", PostWriter.Variants(record.Blueprint, postId, tailored)));
                commands.Add(new SubmitPostForReview(record.AccountId, postId));
                commands.Add(new ApprovePost(record.AccountId, postId));
                commands.Add(new SchedulePost(record.AccountId, postId, ScheduleTarget.NextFreeSlot));
                if (record.Client.ApprovesPost(postId, now) is { } approves && approves < scenario.End)
                {
                    _planned.Plan(approves, new ClientApprovePost(record.AccountId, postId));
                }
            }

            commands.AddRange(AskTheClient(record, week, now));
        }

        await SendAsync(commands, now);
    }

    /// <summary>What the agency asks of the client with each week's drafts (see <see cref="ClientAsks.Weekly"/>); the client's answers are planned.</summary>
    private List<IAccountCommand> AskTheClient(AccountRecord record, int week, DateTimeOffset now)
    {
        var (asked, answers) = ClientAsks.Weekly(record.AccountId, record.Client, week, now, scenario.End);
        foreach (var (at, command) in answers)
        {
            _planned.Plan(at, command);
        }

        return asked;
    }

    /// <summary>What the agency reads each weekday morning: new reports go to their clients; its escalations are acknowledged, then resolved a day later.</summary>
    private async Task<List<IAccountCommand>> MorningRoundAsync(DateTimeOffset now)
    {
        var commands = new List<IAccountCommand>();
        foreach (var chunk in _accounts.Chunk(2000))
        {
            var reports = chunk.Select(a => _node.Accounts.Ask<IAccountReply>(new GetReports(a.AccountId), AskTimeout)).ToList();
            var escalations = scenario.Agency.FollowsUpEscalations
                ? chunk.Select(a => _node.Accounts.Ask<IAccountReply>(new GetEscalations(a.AccountId, new EscalationFilter(Open: true)), AskTimeout)).ToList()
                : [];
            await Task.WhenAll(reports.Concat(escalations));
            for (var i = 0; i < chunk.Length; i++)
            {
                var record = chunk[i];
                if (reports[i].Result is ReportsFound found)
                {
                    foreach (var report in found.Reports.OrderBy(r => r.ReportId, StringComparer.Ordinal).Where(r => record.ReportsSeen.Add(r.ReportId)))
                    {
                        if (record.Client.ReadsReport(report.ReportId, report.IssuedAt) is { } reads && reads < scenario.End)
                        {
                            _planned.Plan(reads > now ? reads : now, new AcknowledgeReport(record.AccountId, report.ReportId, AccountBlueprint.ClientContact));
                        }
                    }
                }

                if (escalations.Count > 0 && escalations[i].Result is EscalationsFound open)
                {
                    foreach (var escalation in open.Escalations.OrderBy(e => e.EscalationId, StringComparer.Ordinal))
                    {
                        if (escalation.AcknowledgedAt is null)
                        {
                            commands.Add(new AcknowledgeEscalation(record.AccountId, escalation.EscalationId, AccountBlueprint.AccountManager));
                        }
                        else if (now - escalation.AcknowledgedAt >= TimeSpan.FromHours(20))
                        {
                            commands.Add(new ResolveEscalation(record.AccountId, escalation.EscalationId, AccountBlueprint.AccountManager));
                        }
                    }
                }
            }
        }

        return commands;
    }

    /// <summary>Followers across each account's channels, recorded as the goal's measurement (the agency's analytics).</summary>
    private async Task MeasureGoalsAsync(DateTimeOffset now)
    {
        // The audience has taken in every post up to the last step (phase 3 advanced it); followers decay to now.
        var commands = new List<IAccountCommand>();
        foreach (var record in _accounts)
        {
            var followers = Enumerable.Range(0, record.Blueprint.Networks.Count).Sum(c => _node.Audience.FollowersOf(record.Blueprint.Networks[c], record.Blueprint.HandleOf(c), now));
            record.Measurements.Add(new GoalMeasurement(followers, now));
            commands.Add(new RecordGoalMeasurement(record.AccountId, AccountBlueprint.GoalId, followers, now));
        }

        await SendAsync(commands, now);
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

    private double Chance(string purpose, string key) => Channels.Simulated.StableChance.Of(scenario.Seed, $"agency/{purpose}", key, 0);

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
