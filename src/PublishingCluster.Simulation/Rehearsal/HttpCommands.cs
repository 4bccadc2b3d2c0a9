using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Reporting;

namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>
/// The account commands the simulated clients, the desk and the agency send, as the public API's requests: the
/// kind the load is counted under, the path and the JSON body. The same models that send commands to the actors
/// in-process drive the server over HTTP this way.
/// </summary>
public static class HttpCommands
{
    public static HttpRequestPlan Of(IAccountCommand command)
    {
        var account = $"/accounts/{Uri.EscapeDataString(command.AccountId)}";
        return command switch
        {
            ClientApprovePost c => new("client-approve", $"{account}/posts/{Id(c.PostId)}/client-approve", null),
            AcknowledgeReport c => new("acknowledge-report", $"{account}/reports/{Id(c.ReportId)}/acknowledge", null),
            DeliverContent c => new("deliver-content", $"{account}/content-requests/{Id(c.RequestId)}/deliver", null),
            AnswerRecommendation c => new("answer-recommendation", $"{account}/recommendations/{Id(c.RecommendationId)}/answer", new { accepted = c.Accepted }),
            RecordClientContact c => new("contact", $"{account}/contacts", new { contactId = c.ContactId, medium = c.Medium, summary = c.Summary, occurredAt = c.OccurredAt }),
            RespondToEngagement c => new("respond", $"{account}/engagements/{Id(c.EngagementId)}/respond", new { text = c.Text }),
            CloseEngagement c => new("close-engagement", $"{account}/engagements/{Id(c.EngagementId)}/close", null),
            AcknowledgeEscalation c => new("acknowledge-escalation", $"{account}/escalations/{Id(c.EscalationId)}/acknowledge", null),
            ResolveEscalation c => new("resolve-escalation", $"{account}/escalations/{Id(c.EscalationId)}/resolve", null),
            RecordGoalMeasurement c => new("measurement", $"{account}/goals/{Id(c.GoalId)}/measurements", new { value = c.Value, measuredAt = c.MeasuredAt }),
            RequestContent c => new("request-content", $"{account}/content-requests", new { requestId = c.RequestId, what = c.What, dueBy = c.DueBy }),
            MakeRecommendation c => new("recommend", $"{account}/recommendations", new { recommendationId = c.RecommendationId, text = c.Text, reviewBy = c.ReviewBy }),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "The rehearsal does not send this command over HTTP."),
        };
    }

    private static string Id(string id) => Uri.EscapeDataString(id);
}

/// <summary>A POST to send: the kind it is counted under, its path and its body (null: none).</summary>
public sealed record HttpRequestPlan(string Kind, string Path, object? Body);
