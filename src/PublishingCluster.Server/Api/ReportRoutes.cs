using System.Security.Claims;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Domain.Reporting;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Api;

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
            .Produces<ReportsFound>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapGet("/reports/{reportId}", GetAsync)
            .WithName("GetReport")
            .Requires(Permission.ReadAccount)
            .WithSummary("One report as JSON, or as Markdown with ?format=markdown or Accept: text/markdown.")
            .Produces<ReportFound>()
            .Produces<string>(StatusCodes.Status200OK, ReportMarkdown.MediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapPost("/reports/{reportId}/acknowledge", AcknowledgeAsync)
            .WithName("AcknowledgeReport")
            .Requires(Permission.ReviewContent)
            .TakesNoBody()
            .WithSummary("The client has read the report. Acknowledging again changes nothing.")
            .Produces<ReportFound>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapPost("/goals/{goalId}/measurements", MeasureAsync)
            .WithName("RecordGoalMeasurement")
            .Requires(Permission.EditContent)
            .WithSummary("Record a reading of a goal's metric (value, measuredAt); reports project the goal from these.")
            .Accepts<RecordMeasurementRequest>("application/json")
            .Produces<CommandAccepted>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> ListAsync(string accountId, AccountGateway accounts, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Replies.UnknownIfMalformed(accountId, "accountId", "account") is { } unknown)
        {
            return unknown;
        }

        var reply = await accounts.AskAsync(new GetReports(accountId, AccessPolicy.CallerOf(user)), ct);
        return reply is ReportsFound found ? Results.Ok(found) : Replies.AsProblem(reply) ?? Replies.Unexpected(reply);
    }

    private static async Task<IResult> GetAsync(string accountId, string reportId, string? format, HttpRequest http, AccountGateway accounts, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Malformed(accountId, reportId) is { } unknown)
        {
            return unknown;
        }

        if (format is not (null or "json" or "markdown"))
        {
            return Problems.Invalid("format", "report.format-unknown", "Give format as 'json' or 'markdown'.");
        }

        var markdown = format == "markdown"
            || (format is null && http.Headers.Accept.ToString().Contains(ReportMarkdown.MediaType, StringComparison.OrdinalIgnoreCase));
        return await ReportAsync(accounts, accountId, reportId, user, markdown, ct);
    }

    private static async Task<IResult> AcknowledgeAsync(string accountId, string reportId, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Malformed(accountId, reportId) is { } unknown)
        {
            return unknown;
        }

        var caller = AccessPolicy.CallerOf(user);
        var reply = await accounts.AskAsync(new Execute(new AcknowledgeReport(accountId, reportId, caller.Subject), clock.GetUtcNow(), caller), ct);
        return Replies.AsProblem(reply) ?? await ReportAsync(accounts, accountId, reportId, user, markdown: false, ct);
    }

    private static async Task<IResult> MeasureAsync(string accountId, string goalId, HttpRequest http, AccountGateway accounts, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if ((Replies.UnknownIfMalformed(accountId, "accountId", "account") ?? Replies.UnknownIfMalformed(goalId, "goalId", "goal")) is { } unknown)
        {
            return unknown;
        }

        var (body, problem) = await JsonBody.ReadAsync<RecordMeasurementRequest>(http, ct);
        if (body is null)
        {
            return problem!;
        }

        var command = new RecordGoalMeasurement(accountId, goalId, body.Value.Value, body.Value.MeasuredAt);
        var reply = await accounts.AskAsync(new Execute(command, clock.GetUtcNow(), AccessPolicy.CallerOf(user)), ct);
        return Replies.AsProblem(reply) ?? (reply is CommandAccepted accepted ? Results.Ok(accepted) : Replies.Unexpected(reply));
    }

    private static async Task<IResult> ReportAsync(AccountGateway accounts, string accountId, string reportId, ClaimsPrincipal user, bool markdown, CancellationToken ct)
    {
        var reply = await accounts.AskAsync(new GetReport(accountId, reportId, AccessPolicy.CallerOf(user)), ct);
        return reply switch
        {
            ReportFound found when markdown => Results.Text(ReportMarkdown.Render(found.AccountName, found.Report), ReportMarkdown.MediaType),
            ReportFound found => Results.Ok(found),
            _ => Replies.AsProblem(reply) ?? Replies.Unexpected(reply),
        };
    }

    private static IResult? Malformed(string accountId, string reportId) =>
        Replies.UnknownIfMalformed(accountId, "accountId", "account") ?? Replies.UnknownIfMalformed(reportId, "reportId", "report");
}
