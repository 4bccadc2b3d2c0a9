using System.Security.Claims;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Security;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Api;

/// <summary>The editorial calendar of an account for a range of time.</summary>
public static class CalendarRoutes
{
    public static void MapCalendarRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/accounts/{accountId}/calendar", GetAsync)
            .WithTags("Calendar")
            .WithName("GetCalendar")
            .Requires(Permission.ReadAccount)
            .WithSummary("Every variant due in [from, to) (ISO 8601 instants with offsets), in time order.")
            .Produces<CalendarFound>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> GetAsync(string accountId, string? from, string? to, AccountGateway accounts, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Replies.UnknownIfMalformed(accountId, "accountId", "account") is { } unknown)
        {
            return unknown;
        }

        if (!ApiJson.TryParseInstant(from, out var fromInstant))
        {
            return Problems.Invalid("from", "calendar.from-invalid", "Give 'from' as an ISO 8601 time with its offset, such as 2027-03-01T00:00:00Z.");
        }

        if (!ApiJson.TryParseInstant(to, out var toInstant))
        {
            return Problems.Invalid("to", "calendar.to-invalid", "Give 'to' as an ISO 8601 time with its offset, such as 2027-04-01T00:00:00Z.");
        }

        var reply = await accounts.AskAsync(new GetCalendar(accountId, fromInstant, toInstant, AccessPolicy.CallerOf(user)), ct);
        return reply is CalendarFound calendar ? Results.Ok(calendar) : Replies.AsProblem(reply) ?? Replies.Unexpected(reply);
    }
}
