using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Reporting;

namespace PublishingCluster.Domain.Accounts;

/// <summary>
/// Escalations: raised at the ladder's first rung by their causes, climbing on the clock until someone acknowledges
/// them, and resolved. An escalation's id comes from its cause and subject, so no cause is raised twice for the
/// same thing. Everything here takes its time from <c>now</c>: the clock's work happens on <see cref="CheckEscalations"/>.
/// </summary>
public static class EscalationDecisions
{
    /// <summary>The escalation of <paramref name="cause"/> about <paramref name="subject"/>, or null if it was raised before.</summary>
    public static EscalationRaised? Raise(AccountState state, EscalationCause cause, string subject, DateTimeOffset now)
    {
        var id = Escalation.IdFor(cause, subject);
        if (state.EngagementOrEmpty().Escalations.ContainsKey(id))
        {
            return null;
        }

        var (level, assignee, delay) = state.OpenContract.Ladder().Rungs(state.OpenContract.Roles)[0];
        return new EscalationRaised(id, cause, subject, level, assignee, now + delay, now);
    }

    /// <summary>
    /// What the clock has brought by <paramref name="now"/>: breached first-response deadlines, reports unacknowledged
    /// for the ladder's days, and escalations whose time at their rung is up. Each happens at the instant it fell
    /// due, not when the account was woken, so an account woken late raises and climbs exactly as it would have on
    /// time (several rungs at once if need be).
    /// </summary>
    public static Decision Check(AccountState state, DateTimeOffset now)
    {
        var events = new List<IAccountEvent>();
        foreach (var item in state.EngagementOrEmpty().Engagements.Values.Where(e => e.AwaitsFirstResponse() && e.RespondBy <= now))
        {
            events.AddIfNotNull(Raise(state, EscalationCause.SlaBreach, item.EngagementId, item.RespondBy));
        }

        foreach (var report in UnacknowledgedReports(state).Where(r => ReportDeadline(state, r) <= now))
        {
            events.AddIfNotNull(Raise(state, EscalationCause.ReportNotAcknowledged, report.ReportId, ReportDeadline(state, report)));
        }

        var raised = events.Aggregate(state, ClientAccount.Evolve);
        foreach (var escalation in raised.EngagementOrEmpty().Escalations.Values)
        {
            events.AddRange(Climbs(raised, escalation, now));
        }

        return Decision.Accept(null, events);
    }

    /// <summary>
    /// An engagement recorded after its deadline had already passed is a breach at once, raised at the deadline and
    /// climbed to where it would stand by now, so that nothing about it is left for a later wake-up.
    /// </summary>
    public static IEnumerable<IAccountEvent> BreachedOnArrival(AccountState state, string engagementId, DateTimeOffset now)
    {
        if (state.EngagementOrEmpty().Engagements[engagementId] is not { } item || !item.AwaitsFirstResponse() || item.RespondBy > now
            || Raise(state, EscalationCause.SlaBreach, engagementId, item.RespondBy) is not { } raised)
        {
            return [];
        }

        var after = ClientAccount.Evolve(state, raised);
        return [raised, .. Climbs(after, after.EngagementOrEmpty().Escalations[raised.EscalationId], now)];
    }

    /// <summary>
    /// The climbs of an open, unacknowledged escalation whose time at its rung ran out by <paramref name="now"/>, each
    /// at the instant it fell due.
    /// </summary>
    private static IEnumerable<EscalationClimbed> Climbs(AccountState state, Escalation escalation, DateTimeOffset now)
    {
        if (!escalation.IsOpen() || escalation.AcknowledgedAt is not null)
        {
            yield break;
        }

        var rungs = state.OpenContract.Ladder().Rungs(state.OpenContract.Roles);
        var (level, next) = (escalation.Level, escalation.NextClimbAt);
        while (next is { } due && due <= now)
        {
            var above = rungs.SkipWhile(r => r.Level <= level).FirstOrDefault();
            if (above.Assignee is null)
            {
                yield break;
            }

            (level, next) = (above.Level, due + above.Delay);
            yield return new EscalationClimbed(escalation.EscalationId, above.Level, above.Assignee, next, due);
        }
    }

    /// <summary>Escalations that follow from what a decision recorded: a publish failure that needs a person.</summary>
    public static Decision FollowUp(AccountState state, Decision decision, DateTimeOffset now)
    {
        if (!decision.IsAccepted)
        {
            return decision;
        }

        var raised = decision.Events.OfType<VariantPublishFailed>()
            .Where(f => f.NeedsHuman)
            .Select(f => f.PostId)
            .Distinct(StringComparer.Ordinal)
            .Select(postId => Raise(state, EscalationCause.PublishNeedsHuman, postId, now))
            .OfType<EscalationRaised>()
            .ToList();
        return raised.Count == 0 ? decision : Decision.Accept(decision.ResultId, [.. decision.Events, .. raised]);
    }

    /// <summary>
    /// The next instant the clock has escalation work for the account: a first-response deadline not yet breached,
    /// a report's acknowledgement deadline not yet escalated, or an unacknowledged escalation's next climb.
    /// </summary>
    public static DateTimeOffset? NextDue(AccountState state)
    {
        if (!state.IsOpen)
        {
            return null;
        }

        var engagement = state.EngagementOrEmpty();
        var deadlines = engagement.Engagements.Values
            .Where(e => e.AwaitsFirstResponse() && !engagement.Escalations.ContainsKey(Escalation.IdFor(EscalationCause.SlaBreach, e.EngagementId)))
            .Select(e => e.RespondBy);
        var reports = UnacknowledgedReports(state).Select(r => ReportDeadline(state, r));
        var climbs = engagement.Escalations.Values.Where(e => e.NextClimbAt is not null).Select(e => e.NextClimbAt!.Value);
        return deadlines.Concat(reports).Concat(climbs).Select(at => (DateTimeOffset?)at).Min();
    }

    public static Decision Acknowledge(AccountState state, AcknowledgeEscalation command, DateTimeOffset now)
    {
        if (Find(state, command.EscalationId, command.By, out var escalation) is { } refused)
        {
            return Decision.Reject(refused);
        }

        if (!escalation.IsOpen())
        {
            return Decision.Reject(Rejection.Lifecycle("escalationId", "escalation.resolved", $"Escalation '{escalation.EscalationId}' was resolved at {escalation.ResolvedAt:O}."));
        }

        // Acknowledging twice changes nothing: the first acknowledgement stands.
        return escalation.AcknowledgedAt is null
            ? Decision.Accept(escalation.EscalationId, new EscalationAcknowledged(escalation.EscalationId, command.By, now))
            : Decision.Accept(escalation.EscalationId);
    }

    public static Decision Resolve(AccountState state, ResolveEscalation command, DateTimeOffset now)
    {
        if (Find(state, command.EscalationId, command.By, out var escalation) is { } refused)
        {
            return Decision.Reject(refused);
        }

        return escalation.IsOpen()
            ? Decision.Accept(escalation.EscalationId, new EscalationResolved(escalation.EscalationId, command.By, now))
            : Decision.Accept(escalation.EscalationId);
    }

    private static IEnumerable<PeriodReport> UnacknowledgedReports(AccountState state) =>
        state.ReportingOrEmpty().Reports.Values.Where(r => r.AcknowledgedAt is null
            && !state.EngagementOrEmpty().Escalations.ContainsKey(Escalation.IdFor(EscalationCause.ReportNotAcknowledged, r.ReportId)));

    private static DateTimeOffset ReportDeadline(AccountState state, PeriodReport report) =>
        report.IssuedAt.AddDays(state.OpenContract.Ladder().ReportAcknowledgementDays);

    private static Rejection? Find(AccountState state, string escalationId, string by, out Escalation escalation)
    {
        if (!state.EngagementOrEmpty().Escalations.TryGetValue(escalationId, out escalation!))
        {
            return Rejection.NotFound("escalationId", "escalation.not-found", $"Account '{state.AccountId}' has no escalation '{escalationId}'.");
        }

        return string.IsNullOrWhiteSpace(by)
            ? Rejection.Invalid("by", "escalation.by-missing", "Say who acts on the escalation.")
            : null;
    }

    private static void AddIfNotNull(this List<IAccountEvent> events, IAccountEvent? @event)
    {
        if (@event is not null)
        {
            events.Add(@event);
        }
    }
}
