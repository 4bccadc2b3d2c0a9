using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;
using PublishingCluster.Domain.Reporting;

namespace PublishingCluster.Domain.Escalations;

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

        foreach (var (cause, subject, due) in PartnershipDeadlines(state).Where(d => d.Due <= now))
        {
            events.AddIfNotNull(Raise(state, cause, subject, due));
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

    /// <summary>
    /// Escalations that follow from what a decision recorded: raised for a publish failure that needs a person, a
    /// contact above the contact policy and a report whose partnership health fell below the threshold; resolved
    /// when the client does what an escalation waited for (delivers the content, answers the post or the
    /// recommendation), answered by whoever did it.
    /// </summary>
    public static Decision FollowUp(AccountState state, Decision decision, DateTimeOffset now)
    {
        if (!decision.IsAccepted || decision.Events.IsEmpty)
        {
            return decision;
        }

        var after = decision.Events.Aggregate(state, ClientAccount.Evolve);
        var raised = decision.Events.SelectMany(e => RaisedBy(after, e)).Select(r => Raise(after, r.Cause, r.Subject, now));
        var resolved = decision.Events.Select(e => ResolvedBy(state, e));
        var followUps = raised.Concat<IAccountEvent?>(resolved).OfType<IAccountEvent>()
            .DistinctBy(e => e is EscalationRaised r ? r.EscalationId : ((EscalationResolved)e).EscalationId)
            .ToList();
        return followUps.Count == 0 ? decision : Decision.Accept(decision.ResultId, [.. decision.Events, .. followUps]);
    }

    private static IEnumerable<(EscalationCause Cause, string Subject)> RaisedBy(AccountState after, IAccountEvent @event)
    {
        switch (@event)
        {
            case VariantPublishFailed { NeedsHuman: true } failed:
                yield return (EscalationCause.PublishNeedsHuman, failed.PostId);
                break;
            case ClientContactRecorded contact when PartnershipHealth.IsAbovePolicy(
                after.PartnershipOrEmpty(), after.OpenContract.ContactPolicy, after.PartnershipOrEmpty().Contacts[contact.ContactId]):
                yield return (EscalationCause.ContactAbovePolicy, contact.ContactId);
                break;
            case ReportIssued { Report.Partnership: { } health } issued when health.Score < after.OpenContract.PartnershipTermsOrDefault().HealthThreshold:
                yield return (EscalationCause.PartnershipAtRisk, issued.Report.ReportId);
                break;
        }
    }

    /// <summary>The open escalation the client's answer in <paramref name="event"/> settles, resolved by whoever answered.</summary>
    private static EscalationResolved? ResolvedBy(AccountState before, IAccountEvent @event)
    {
        var (cause, subject, by) = @event switch
        {
            ContentDelivered e => (EscalationCause.ContentRequestOverdue, e.RequestId, e.By),
            RecommendationAnswered e => (EscalationCause.RecommendationIgnored, e.RecommendationId, e.By),
            PostApprovedByClient e => (EscalationCause.ApprovalOverdue, e.PostId, before.OpenContract.Roles.ClientContentContact),
            PostRejected e => (EscalationCause.ApprovalOverdue, e.PostId, before.OpenContract.Roles.ClientContentContact),
            _ => (default(EscalationCause?), string.Empty, string.Empty),
        };
        return cause is { } settled
            && before.EngagementOrEmpty().Escalations.TryGetValue(Escalation.IdFor(settled, subject), out var escalation)
            && escalation.IsOpen()
                ? new EscalationResolved(escalation.EscalationId, by, @event.At)
                : null;
    }

    /// <summary>
    /// The partnership's clock-driven causes not raised yet, each with the instant it falls due: a content request not
    /// delivered by its due date, a post waiting for the client beyond the turnaround, a recommendation unanswered by
    /// its review date.
    /// </summary>
    private static IEnumerable<(EscalationCause Cause, string Subject, DateTimeOffset Due)> PartnershipDeadlines(AccountState state)
    {
        var partnership = state.PartnershipOrEmpty();
        var turnaround = TimeSpan.FromHours(state.OpenContract.PartnershipTermsOrDefault().ApprovalTurnaroundHours);
        var candidates = partnership.ContentRequests.Values.Where(r => !r.IsDelivered())
                .Select(r => (EscalationCause.ContentRequestOverdue, r.RequestId, r.DueBy))
            .Concat(partnership.Approvals.Values.Where(a => a.IsWaiting())
                .Select(a => (EscalationCause.ApprovalOverdue, a.PostId, a.SentAt + turnaround)))
            .Concat(partnership.Recommendations.Values.Where(r => r.Outcome == RecommendationOutcome.Pending)
                .Select(r => (EscalationCause.RecommendationIgnored, r.RecommendationId, r.ReviewBy)));
        var escalations = state.EngagementOrEmpty().Escalations;
        return candidates.Where(c => !escalations.ContainsKey(Escalation.IdFor(c.Item1, c.Item2)));
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
        var partnership = PartnershipDeadlines(state).Select(d => d.Due);
        var climbs = engagement.Escalations.Values.Where(e => e.NextClimbAt is not null).Select(e => e.NextClimbAt!.Value);
        return deadlines.Concat(reports).Concat(partnership).Concat(climbs).Select(at => (DateTimeOffset?)at).Min();
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
