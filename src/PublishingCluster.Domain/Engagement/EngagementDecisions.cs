using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Escalations;

namespace PublishingCluster.Domain.Engagement;

/// <summary>
/// Engagements on the account's channels: received with a response deadline from the contract's SLA (tighter when
/// negative), answered, assigned and closed. A negative engagement that completes a spike raises its escalation in
/// the same decision.
/// </summary>
public static class EngagementDecisions
{
    public const int MaxIdLength = 40;
    public const int MaxTextLength = 5000;
    public const int MaxNameLength = 200;

    /// <summary>How old an engagement may be when it is recorded: older ones are history, not work.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(365);

    public static Decision Receive(AccountState state, ReceiveEngagement command, DateTimeOffset now)
    {
        if (Invalid(command) is { } invalid)
        {
            return Decision.Reject(invalid);
        }

        if (!state.Channels.ContainsKey(command.ChannelId))
        {
            return Decision.Reject(Rejection.NotFound("channelId", "channel.not-found", $"Account '{state.AccountId}' has no channel '{command.ChannelId}'."));
        }

        if (command.ReceivedAt > now)
        {
            return Decision.Reject(Rejection.Rule("receivedAt", "engagement.received-in-future", $"{command.ReceivedAt:O} is in the future (now is {now:O})."));
        }

        if (command.ReceivedAt < now - MaxAge)
        {
            return Decision.Reject(Rejection.Rule("receivedAt", "engagement.received-too-long-ago", $"{command.ReceivedAt:O} is more than {MaxAge.TotalDays:0} days ago."));
        }

        var sentiment = command.Sentiment ?? SentimentClassifier.Classify(command.Text);
        var engagement = state.EngagementOrEmpty();
        if (engagement.Engagements.TryGetValue(command.EngagementId, out var known))
        {
            // A source that delivers twice sends the same engagement again: nothing new happened.
            var same = known.ChannelId == command.ChannelId && known.Kind == command.Kind && known.Author == command.Author
                && known.Text == command.Text && known.Sentiment == sentiment && known.ReceivedAt == command.ReceivedAt;
            return same
                ? Decision.Accept(known.EngagementId)
                : Decision.Reject(Rejection.Lifecycle("engagementId", "engagement.id-taken", $"Engagement '{command.EngagementId}' was received with other content."));
        }

        var received = new EngagementReceived(
            command.EngagementId, command.ChannelId, command.Kind, command.Author, command.Text, sentiment, command.ReceivedAt,
            ResponseDeadline.For(state.OpenContract.ResponseSla, sentiment, command.ReceivedAt), now);
        var events = new List<IAccountEvent> { received };
        var earlierNegatives = engagement.Engagements.Values.Where(e => e.Sentiment == Sentiment.Negative).Select(e => e.ReceivedAt);
        if (sentiment == Sentiment.Negative
            && SpikeRule.Default.Completes(earlierNegatives, command.ReceivedAt, engagement.LastSpikeAt)
            && EscalationDecisions.Raise(state, EscalationCause.NegativeSpike, command.EngagementId, now) is { } spike)
        {
            events.Add(spike);
        }

        events.AddRange(EscalationDecisions.BreachedOnArrival(events.Aggregate(state, ClientAccount.Evolve), command.EngagementId, now));
        return Decision.Accept(command.EngagementId, events);
    }

    public static Decision Respond(AccountState state, RespondToEngagement command, DateTimeOffset now)
    {
        if (Find(state, command.EngagementId, out var engagement) is { } missing)
        {
            return Decision.Reject(missing);
        }

        if ((Name("by", command.By, "engagement.by-missing") ?? Text("text", command.Text)) is { } invalid)
        {
            return Decision.Reject(invalid);
        }

        return engagement.IsOpen()
            ? Decision.Accept(engagement.EngagementId, new EngagementResponded(engagement.EngagementId, command.By, command.Text, now))
            : Decision.Reject(Closed(engagement));
    }

    public static Decision Assign(AccountState state, AssignEngagement command, DateTimeOffset now)
    {
        if (Find(state, command.EngagementId, out var engagement) is { } missing)
        {
            return Decision.Reject(missing);
        }

        if (Name("to", command.To, "engagement.assignee-missing") is { } invalid)
        {
            return Decision.Reject(invalid);
        }

        if (!engagement.IsOpen())
        {
            return Decision.Reject(Closed(engagement));
        }

        return engagement.AssignedTo == command.To
            ? Decision.Accept(engagement.EngagementId)
            : Decision.Accept(engagement.EngagementId, new EngagementAssigned(engagement.EngagementId, command.To, now));
    }

    public static Decision Close(AccountState state, CloseEngagement command, DateTimeOffset now)
    {
        if (Find(state, command.EngagementId, out var engagement) is { } missing)
        {
            return Decision.Reject(missing);
        }

        if (Name("by", command.By, "engagement.by-missing") is { } invalid)
        {
            return Decision.Reject(invalid);
        }

        // Closing twice changes nothing: the first close stands.
        return engagement.IsOpen()
            ? Decision.Accept(engagement.EngagementId, new EngagementClosed(engagement.EngagementId, command.By, now))
            : Decision.Accept(engagement.EngagementId);
    }

    private static Rejection? Invalid(ReceiveEngagement command)
    {
        if (string.IsNullOrWhiteSpace(command.EngagementId) || command.EngagementId.Length > MaxIdLength)
        {
            return Rejection.Invalid("engagementId", "engagement.id-invalid", $"Give an engagement id of 1 to {MaxIdLength} characters.");
        }

        if (!Enum.IsDefined(command.Kind))
        {
            return Rejection.Invalid("kind", "engagement.kind-unknown", "Kind is Comment, Mention, DirectMessage or Review.");
        }

        if (command.Sentiment is { } sentiment && !Enum.IsDefined(sentiment))
        {
            return Rejection.Invalid("sentiment", "engagement.sentiment-unknown", "Sentiment is Positive, Neutral or Negative.");
        }

        return Name("author", command.Author, "engagement.author-missing") ?? Text("text", command.Text);
    }

    private static Rejection? Name(string field, string value, string code)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Rejection.Invalid(field, code, $"Give the {field}.");
        }

        return value.Length > MaxNameLength
            ? Rejection.Invalid(field, "engagement.name-too-long", $"At most {MaxNameLength} characters.")
            : null;
    }

    private static Rejection? Text(string field, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Rejection.Invalid(field, "engagement.text-missing", "The text is empty.");
        }

        return text.Length > MaxTextLength
            ? Rejection.Invalid(field, "engagement.text-too-long", $"The text has {text.Length} characters; at most {MaxTextLength}.")
            : null;
    }

    private static Rejection? Find(AccountState state, string engagementId, out EngagementItem engagement)
    {
        if (state.EngagementOrEmpty().Engagements.TryGetValue(engagementId, out engagement!))
        {
            return null;
        }

        return Rejection.NotFound("engagementId", "engagement.not-found", $"Account '{state.AccountId}' has no engagement '{engagementId}'.");
    }

    private static Rejection Closed(EngagementItem engagement) =>
        Rejection.Lifecycle("engagementId", "engagement.closed", $"Engagement '{engagement.EngagementId}' was closed at {engagement.ClosedAt:O}.");
}
