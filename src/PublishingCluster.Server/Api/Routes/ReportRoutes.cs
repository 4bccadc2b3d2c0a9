using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Domain.Reporting;
using PublishingCluster.Server.Api.ReadModels;
using PublishingCluster.Server.Api.Requests;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Api.Routes;

/// <summary>A route on one report: <see cref="AccountCall"/> and the report named in the path.</summary>
public sealed record ReportCall(string AccountId, string ReportId, HttpRequest Http, ClaimsPrincipal User, AccountGateway Accounts, TimeProvider Clock, CancellationToken Cancellation)
    : AccountCall(AccountId, Http, User, Accounts, Clock, Cancellation)
{
    public ApiProblem? MalformedReport => MalformedWith(ReportId, "reportId", "report");

    public GetReport Read => new(AccountId, ReportId, Caller);
}

/// <summary>A route on one goal: <see cref="AccountCall"/> and the goal named in the path.</summary>
public sealed record GoalCall(string AccountId, string GoalId, HttpRequest Http, ClaimsPrincipal User, AccountGateway Accounts, TimeProvider Clock, CancellationToken Cancellation)
    : AccountCall(AccountId, Http, User, Accounts, Clock, Cancellation);

/// <summary>
/// Period reports (issued by the account when a period of its contract's cadence closes), the client's
/// acknowledgement, and the goal measurements the reports project from.
/// </summary>
public static class ReportRoutes
{
    public static void MapReportRoutes(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/accounts/{accountId}").WithTags("Reports");
        reports.MapGet("/reports", ListAsync)
            .WithName("ListReports")
            .Requires(Permission.ReadAccount)
            .WithSummary("The account's reports, newest first, and when the period under way closes.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapGet("/reports/{reportId}", GetAsync)
            .WithName("GetReport")
            .Requires(Permission.ReadAccount)
            .WithSummary("One report as JSON, or as Markdown with ?format=markdown or Accept: text/markdown.")
            .Produces<string>(StatusCodes.Status200OK, ReportMarkdown.MediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapPost("/reports/{reportId}/acknowledge", AcknowledgeAsync)
            .WithName("AcknowledgeReport")
            .Requires(Permission.ReviewContent)
            .TakesNoBody()
            .WithSummary("The client has read the report. Acknowledging again changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapPost("/goals/{goalId}/measurements", MeasureAsync)
            .WithName("RecordGoalMeasurement")
            .Requires(Permission.EditContent)
            .WithSummary("Record a reading of a goal's metric (value, measuredAt); reports project the goal from these.")
            .Accepts<RecordMeasurementRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<Results<Ok<ReportsFound>, ApiProblem>> ListAsync([AsParameters] AccountCall call)
    {
        if (call.Malformed is { } unknown)
        {
            return unknown;
        }

        var (found, problem) = await call.ReadAsync<ReportsFound>(new GetReports(call.AccountId, call.Caller));
        return found is null ? problem! : TypedResults.Ok(found);
    }

    private static async Task<Results<Ok<ReportFound>, ContentHttpResult, ApiProblem>> GetAsync([AsParameters] ReportCall call, string? format)
    {
        if (call.MalformedReport is { } unknown)
        {
            return unknown;
        }

        if (format is not (null or "json" or "markdown"))
        {
            return Problems.Invalid("format", "report.format-unknown", "Give format as 'json' or 'markdown'.");
        }

        var markdown = format == "markdown"
            || (format is null && call.Http.Headers.Accept.ToString().Contains(ReportMarkdown.MediaType, StringComparison.OrdinalIgnoreCase));
        var (found, problem) = await call.ReadAsync<ReportFound>(call.Read);
        return found switch
        {
            null => problem!,
            _ when markdown => TypedResults.Text(ReportMarkdown.Render(found.AccountName, found.Report), ReportMarkdown.MediaType),
            _ => TypedResults.Ok(found),
        };
    }

    private static async Task<Results<Ok<ReportFound>, ApiProblem>> AcknowledgeAsync([AsParameters] ReportCall call)
    {
        if (call.MalformedReport is { } unknown)
        {
            return unknown;
        }

        var written = await call.ExecuteAsync<ReportFound>(new AcknowledgeReport(call.AccountId, call.ReportId, call.Caller.Subject), call.Read);
        return written.View is { } found ? TypedResults.Ok(found) : written.Problem!;
    }

    private static async Task<Results<Ok<CommandAccepted>, ApiProblem>> MeasureAsync([AsParameters] GoalCall call)
    {
        if (call.MalformedWith(call.GoalId, "goalId", "goal") is { } unknown)
        {
            return unknown;
        }

        var (body, problem) = await JsonBody.ReadAsync<RecordMeasurementRequest>(call.Http, call.Cancellation);
        if (body is null)
        {
            return problem!;
        }

        // The answer is the acceptance itself: there is no view to read after a measurement.
        var command = new RecordGoalMeasurement(call.AccountId, call.GoalId, body.Value.Value, body.Value.MeasuredAt);
        var reply = await call.AskAsync(new Execute(command, call.Clock.GetUtcNow(), call.Caller));
        return reply is CommandAccepted accepted ? TypedResults.Ok(accepted) : Replies.AsProblem(reply) ?? Replies.Unexpected(reply);
    }
}
