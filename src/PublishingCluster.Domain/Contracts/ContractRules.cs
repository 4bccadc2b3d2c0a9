using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Partnership;

namespace PublishingCluster.Domain.Contracts;

/// <summary>The checks every contract must pass before an account is opened on it or moved to it.</summary>
public static class ContractRules
{
    public const int MaxPostsPerWeekPerChannel = 200;
    public const int MaxGoals = 50;

    /// <summary>The largest goal target (and measured value): far beyond any audience, small enough to project without overflow.</summary>
    public const decimal MaxGoalValue = 1_000_000_000_000_000m;

    /// <summary>How many years ahead a goal's deadline may lie.</summary>
    public const int MaxGoalYearsAhead = 100;

    /// <summary>How many weeks of the contract's business hours a response time may span (business time counts two years at most).</summary>
    public const int MaxResponseWeeks = 52;

    public static Rejection? Validate(Contract contract, DateTimeOffset now, string field = "contract")
    {
        if (MissingPart(contract, field) is { } missing)
        {
            return missing;
        }

        if (contract.Scope.IsEmpty)
        {
            return Rejection.Invalid($"{field}.scope", "contract.scope.empty", "The contract must cover at least one network.");
        }

        for (var i = 0; i < contract.Scope.Count; i++)
        {
            var scope = contract.Scope[i];
            var at = $"{field}.scope[{i}]";
            if (!Enum.IsDefined(scope.Network))
            {
                return Rejection.Invalid($"{at}.network", "contract.scope.network-unknown", "Unknown network.");
            }

            if (scope.PostsPerWeek is < 1 or > MaxPostsPerWeekPerChannel)
            {
                return Rejection.Invalid($"{at}.postsPerWeek", "contract.scope.posts-per-week-out-of-range",
                    $"Posts per week must be between 1 and {MaxPostsPerWeekPerChannel}.");
            }

            if (contract.Scope.Take(i).Any(s => s.Network == scope.Network))
            {
                return Rejection.Invalid($"{at}.network", "contract.scope.duplicate-network", $"{scope.Network} appears twice in the scope.");
            }
        }

        if (string.IsNullOrWhiteSpace(contract.Roles.AccountManager))
        {
            return Rejection.Invalid($"{field}.roles.accountManager", "contract.roles.account-manager-missing", "An account manager is required.");
        }

        if (string.IsNullOrWhiteSpace(contract.Roles.ClientContentContact))
        {
            return Rejection.Invalid($"{field}.roles.clientContentContact", "contract.roles.content-contact-missing", "The client's content contact is required.");
        }

        if (contract.Budget.MonthlyFee < 0 || contract.Budget.HoursPerMonth < 0 || contract.Budget.ThirdPartyCosts < 0)
        {
            return Rejection.Invalid($"{field}.budget", "contract.budget.negative", "Fees, hours and costs cannot be negative.");
        }

        if (contract.Budget.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            return Rejection.Invalid($"{field}.budget.currency", "contract.budget.currency-invalid", "Currency must be a three-letter ISO 4217 code such as EUR.");
        }

        if (!Enum.IsDefined(contract.ReportingCadence))
        {
            return Rejection.Invalid($"{field}.reportingCadence", "contract.cadence-unknown", "Unknown reporting cadence.");
        }

        var sla = contract.ResponseSla;
        if (sla.FirstResponseMinutes < 1)
        {
            return Rejection.Invalid($"{field}.responseSla.firstResponseMinutes", "contract.sla.non-positive", "The response time must be at least one minute.");
        }

        if (sla.NegativeFirstResponseMinutes < 1 || sla.NegativeFirstResponseMinutes > sla.FirstResponseMinutes)
        {
            return Rejection.Invalid($"{field}.responseSla.negativeFirstResponseMinutes", "contract.sla.negative-not-tighter",
                "The response time for negative engagement must be at least one minute and no longer than the ordinary one.");
        }

        var hours = sla.BusinessHours;
        if (!TimeZones.TryFind(hours.TimeZone, out _))
        {
            return Rejection.Invalid($"{field}.responseSla.businessHours.timeZone", "timezone.unknown", $"Unknown time zone '{hours.TimeZone}'; use an IANA id such as Europe/London.");
        }

        if (hours.Days.IsEmpty || hours.Days.Distinct().Count() != hours.Days.Count || !hours.Days.All(Enum.IsDefined))
        {
            return Rejection.Invalid($"{field}.responseSla.businessHours.days", "contract.hours.days-invalid", "Business days must be a non-empty list of weekdays without repeats.");
        }

        if (hours.Opens >= hours.Closes)
        {
            return Rejection.Invalid($"{field}.responseSla.businessHours.closes", "contract.hours.closes-before-opens", "Business hours must close after they open.");
        }

        // A deadline is found within two years of calendar days (BusinessTime); a response time that a year of these
        // hours cannot hold would find none.
        var maxMinutes = (long)(hours.Closes - hours.Opens).TotalMinutes * hours.Days.Count * MaxResponseWeeks;
        if (sla.FirstResponseMinutes > maxMinutes)
        {
            return Rejection.Invalid($"{field}.responseSla.firstResponseMinutes", "contract.sla.beyond-a-year",
                $"The response time must fit in {MaxResponseWeeks} weeks of the business hours: at most {maxMinutes} minutes.");
        }

        if (contract.ContactPolicy.MaxContactsPerWeek < 0 || !Enum.IsDefined(contract.ContactPolicy.Medium))
        {
            return Rejection.Invalid($"{field}.contactPolicy", "contract.contact-policy.invalid", "The contact policy needs a known medium and a non-negative weekly limit.");
        }

        if (contract.Escalation is { } ladder && ValidateLadder(ladder, $"{field}.escalation") is { } badLadder)
        {
            return badLadder;
        }

        if (contract.Partnership is { } terms && ValidatePartnership(terms, $"{field}.partnership") is { } badTerms)
        {
            return badTerms;
        }

        return ValidateGoals(contract, now, field);
    }

    /// <summary>
    /// The first part of the contract that is missing (null), named by its path. A contract that came through the API
    /// has none, the binder refusing them; one built any other way is held to the same shape here, so that no rule below
    /// meets a null.
    /// </summary>
    private static Rejection? MissingPart(Contract? contract, string field)
    {
        if (contract is null)
        {
            return Rejection.Missing(field);
        }

        if (contract.Scope is null)
        {
            return Rejection.Missing($"{field}.scope");
        }

        if (contract.Scope.IndexOf(null!) is var scope and >= 0)
        {
            return Rejection.Missing($"{field}.scope[{scope}]");
        }

        if (contract.Roles is null || contract.Budget is null || contract.ResponseSla is null || contract.ContactPolicy is null || contract.Goals is null)
        {
            var part = contract.Roles is null ? "roles" : contract.Budget is null ? "budget" : contract.ResponseSla is null ? "responseSla" : contract.ContactPolicy is null ? "contactPolicy" : "goals";
            return Rejection.Missing($"{field}.{part}");
        }

        if (contract.ResponseSla.BusinessHours is null)
        {
            return Rejection.Missing($"{field}.responseSla.businessHours");
        }

        if (contract.ResponseSla.BusinessHours.Days is null)
        {
            return Rejection.Missing($"{field}.responseSla.businessHours.days");
        }

        for (var i = 0; i < contract.Goals.Count; i++)
        {
            if (contract.Goals[i] is null)
            {
                return Rejection.Missing($"{field}.goals[{i}]");
            }

            if (contract.Goals[i].ReviewPoints is null)
            {
                return Rejection.Missing($"{field}.goals[{i}].reviewPoints");
            }
        }

        return null;
    }

    private static Rejection? ValidatePartnership(PartnershipTerms terms, string field)
    {
        if (terms.ApprovalTurnaroundHours is < 1 or > PartnershipTerms.MaxApprovalTurnaroundHours)
        {
            return Rejection.Invalid($"{field}.approvalTurnaroundHours", "contract.partnership.turnaround-out-of-range", $"Give between 1 and {PartnershipTerms.MaxApprovalTurnaroundHours} hours.");
        }

        return terms.HealthThreshold is < 0 or > 100
            ? Rejection.Invalid($"{field}.healthThreshold", "contract.partnership.threshold-out-of-range", "Give a health score threshold between 0 and 100.")
            : null;
    }

    private static Rejection? ValidateLadder(EscalationLadder ladder, string field)
    {
        if (ladder.AccountManagerMinutes is < 1 or > EscalationLadder.MaxDelayMinutes)
        {
            return Rejection.Invalid($"{field}.accountManagerMinutes", "contract.escalation.delay-out-of-range", $"A rung's delay must be between 1 and {EscalationLadder.MaxDelayMinutes} minutes.");
        }

        if (ladder.AgencyLeadMinutes is < 1 or > EscalationLadder.MaxDelayMinutes)
        {
            return Rejection.Invalid($"{field}.agencyLeadMinutes", "contract.escalation.delay-out-of-range", $"A rung's delay must be between 1 and {EscalationLadder.MaxDelayMinutes} minutes.");
        }

        return ladder.ReportAcknowledgementDays is < 1 or > EscalationLadder.MaxReportAcknowledgementDays
            ? Rejection.Invalid($"{field}.reportAcknowledgementDays", "contract.escalation.report-days-out-of-range", $"Give between 1 and {EscalationLadder.MaxReportAcknowledgementDays} days.")
            : null;
    }

    private static Rejection? ValidateGoals(Contract contract, DateTimeOffset now, string field)
    {
        if (contract.Goals.Count > MaxGoals)
        {
            return Rejection.Invalid($"{field}.goals", "contract.goals.too-many", $"At most {MaxGoals} goals.");
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var i = 0; i < contract.Goals.Count; i++)
        {
            var goal = contract.Goals[i];
            var at = $"{field}.goals[{i}]";
            if (string.IsNullOrWhiteSpace(goal.GoalId))
            {
                return Rejection.Invalid($"{at}.goalId", "contract.goal.id-missing", "Each goal needs an id.");
            }

            if (contract.Goals.Take(i).Any(g => g.GoalId == goal.GoalId))
            {
                return Rejection.Invalid($"{at}.goalId", "contract.goal.duplicate-id", $"Goal id '{goal.GoalId}' appears twice.");
            }

            if (goal.Target <= 0)
            {
                return Rejection.Invalid($"{at}.target", "contract.goal.target-non-positive", "A goal's target must be positive.");
            }

            if (goal.Target > MaxGoalValue)
            {
                return Rejection.Invalid($"{at}.target", "contract.goal.target-too-large", $"A goal's target is at most {MaxGoalValue:0}.");
            }

            if (!Enum.IsDefined(goal.Metric))
            {
                return Rejection.Invalid($"{at}.metric", "contract.goal.metric-unknown", "Unknown metric.");
            }

            if (goal.Deadline < today)
            {
                return Rejection.Invalid($"{at}.deadline", "contract.goal.deadline-in-past", "A goal's deadline cannot be in the past.");
            }

            if (goal.Deadline.Year - today.Year > MaxGoalYearsAhead)
            {
                return Rejection.Invalid($"{at}.deadline", "contract.goal.deadline-too-far", $"A goal's deadline is at most {MaxGoalYearsAhead} years ahead.");
            }

            if (goal.ReviewPoints.Any(p => p > goal.Deadline))
            {
                return Rejection.Invalid($"{at}.reviewPoints", "contract.goal.review-after-deadline", "Review points must fall on or before the deadline.");
            }
        }

        return null;
    }
}
