using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Escalations;

namespace PublishingCluster.Domain.Partnership;

/// <summary>
/// Working with the client: content requested and delivered, recommendations made and answered, contacts logged.
/// Ids come from the caller, so a source that sends the same thing twice changes nothing the second time; the same
/// id with other content is refused. Escalations that follow (overdue, ignored, above policy) are raised by
/// <see cref="EscalationDecisions"/>.
/// </summary>
public static class PartnershipDecisions
{
    public const int MaxIdLength = 40;
    public const int MaxTextLength = 2000;
    public const int MaxNameLength = 200;

    /// <summary>How far ahead a due or review date may lie.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(365);

    /// <summary>How old a logged contact may be: older ones are history, not work.</summary>
    public static readonly TimeSpan MaxContactAge = TimeSpan.FromDays(365);

    public static Decision RequestContent(AccountState state, RequestContent command, DateTimeOffset now)
    {
        if ((Id("requestId", command.RequestId) ?? Text("what", command.What) ?? Name(command.By)) is { } invalid)
        {
            return Decision.Reject(invalid);
        }

        if (state.PartnershipOrEmpty().ContentRequests.TryGetValue(command.RequestId, out var known))
        {
            return known.What == command.What && known.DueBy == command.DueBy
                ? Decision.Accept(known.RequestId)
                : Decision.Reject(Taken("requestId", "content-request.id-taken", $"Content request '{command.RequestId}' was made with other content."));
        }

        if (Ahead("dueBy", "content-request", command.DueBy, now) is { } badDate)
        {
            return Decision.Reject(badDate);
        }

        return Decision.Accept(command.RequestId, new ContentRequested(command.RequestId, command.What, command.DueBy, command.By, now));
    }

    public static Decision DeliverContent(AccountState state, DeliverContent command, DateTimeOffset now)
    {
        if (!state.PartnershipOrEmpty().ContentRequests.TryGetValue(command.RequestId, out var request))
        {
            return Decision.Reject(Rejection.NotFound("requestId", "content-request.not-found", $"Account '{state.AccountId}' has no content request '{command.RequestId}'."));
        }

        if (Name(command.By) is { } invalid)
        {
            return Decision.Reject(invalid);
        }

        // Delivering twice changes nothing: the first delivery stands.
        return request.IsDelivered()
            ? Decision.Accept(request.RequestId)
            : Decision.Accept(request.RequestId, new ContentDelivered(request.RequestId, command.By, now));
    }

    public static Decision MakeRecommendation(AccountState state, MakeRecommendation command, DateTimeOffset now)
    {
        if ((Id("recommendationId", command.RecommendationId) ?? Text("text", command.Text) ?? Name(command.By)) is { } invalid)
        {
            return Decision.Reject(invalid);
        }

        if (state.PartnershipOrEmpty().Recommendations.TryGetValue(command.RecommendationId, out var known))
        {
            return known.Text == command.Text && known.ReviewBy == command.ReviewBy
                ? Decision.Accept(known.RecommendationId)
                : Decision.Reject(Taken("recommendationId", "recommendation.id-taken", $"Recommendation '{command.RecommendationId}' was made with other content."));
        }

        if (Ahead("reviewBy", "recommendation", command.ReviewBy, now) is { } badDate)
        {
            return Decision.Reject(badDate);
        }

        return Decision.Accept(command.RecommendationId, new RecommendationMade(command.RecommendationId, command.Text, command.ReviewBy, command.By, now));
    }

    public static Decision AnswerRecommendation(AccountState state, AnswerRecommendation command, DateTimeOffset now)
    {
        if (!state.PartnershipOrEmpty().Recommendations.TryGetValue(command.RecommendationId, out var recommendation))
        {
            return Decision.Reject(Rejection.NotFound("recommendationId", "recommendation.not-found", $"Account '{state.AccountId}' has no recommendation '{command.RecommendationId}'."));
        }

        if (Name(command.By) is { } invalid)
        {
            return Decision.Reject(invalid);
        }

        var outcome = command.Accepted ? RecommendationOutcome.Accepted : RecommendationOutcome.Declined;
        return recommendation.Outcome switch
        {
            RecommendationOutcome.Pending => Decision.Accept(recommendation.RecommendationId, new RecommendationAnswered(recommendation.RecommendationId, command.Accepted, command.By, now)),
            // The same answer again changes nothing; the client cannot take an answer back.
            var given when given == outcome => Decision.Accept(recommendation.RecommendationId),
            var given => Decision.Reject(Rejection.Lifecycle("accepted", "recommendation.already-answered", $"Recommendation '{recommendation.RecommendationId}' was {given.ToString().ToLowerInvariant()} at {recommendation.AnsweredAt:O}.")),
        };
    }

    public static Decision RecordContact(AccountState state, RecordClientContact command, DateTimeOffset now)
    {
        if ((Id("contactId", command.ContactId) ?? Text("summary", command.Summary) ?? Name(command.By)) is { } invalid)
        {
            return Decision.Reject(invalid);
        }

        if (!Enum.IsDefined(command.Medium))
        {
            return Decision.Reject(Rejection.Invalid("medium", "contact.medium-unknown", $"Medium is one of {string.Join(", ", Enum.GetNames<ContactMedium>())}."));
        }

        if (state.PartnershipOrEmpty().Contacts.TryGetValue(command.ContactId, out var known))
        {
            return known.Medium == command.Medium && known.Summary == command.Summary && known.OccurredAt == command.OccurredAt
                ? Decision.Accept(known.ContactId)
                : Decision.Reject(Taken("contactId", "contact.id-taken", $"Contact '{command.ContactId}' was logged with other content."));
        }

        if (command.OccurredAt > now)
        {
            return Decision.Reject(Rejection.Rule("occurredAt", "contact.in-future", $"{command.OccurredAt:O} is in the future (now is {now:O})."));
        }

        if (command.OccurredAt < now - MaxContactAge)
        {
            return Decision.Reject(Rejection.Rule("occurredAt", "contact.too-long-ago", $"{command.OccurredAt:O} is more than {MaxContactAge.TotalDays:0} days ago."));
        }

        return Decision.Accept(command.ContactId, new ClientContactRecorded(command.ContactId, command.Medium, command.Summary, command.OccurredAt, command.By, now));
    }

    private static Rejection? Ahead(string field, string what, DateTimeOffset at, DateTimeOffset now)
    {
        if (at <= now)
        {
            return Rejection.Rule(field, $"{what}.{field}-in-past", $"{at:O} is not in the future (now is {now:O}).");
        }

        return at > now + MaxAhead
            ? Rejection.Rule(field, $"{what}.{field}-too-far", $"{at:O} is more than {MaxAhead.TotalDays:0} days ahead.")
            : null;
    }

    private static Rejection? Id(string field, string id) =>
        string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength
            ? Rejection.Invalid(field, "partnership.id-invalid", $"Give an id of 1 to {MaxIdLength} characters.")
            : null;

    private static Rejection? Text(string field, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Rejection.Invalid(field, "partnership.text-missing", "The text is empty.");
        }

        return text.Length > MaxTextLength
            ? Rejection.Invalid(field, "partnership.text-too-long", $"The text has {text.Length} characters; at most {MaxTextLength}.")
            : null;
    }

    private static Rejection? Name(string by)
    {
        if (string.IsNullOrWhiteSpace(by))
        {
            return Rejection.Invalid("by", "partnership.by-missing", "Say who acts.");
        }

        return by.Length > MaxNameLength ? Rejection.Invalid("by", "partnership.name-too-long", $"At most {MaxNameLength} characters.") : null;
    }

    private static Rejection Taken(string field, string code, string message) => Rejection.Lifecycle(field, code, message);
}
