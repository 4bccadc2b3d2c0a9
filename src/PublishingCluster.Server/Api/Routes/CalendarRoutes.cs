using Microsoft.AspNetCore.Http.HttpResults;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Security;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Api.Routes;

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
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<CalendarFound>, ApiProblem>> GetAsync([AsParameters] AccountCall call, string? from, string? to)
    {
        if (call.Malformed is { } unknown)
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

        var (calendar, problem) = await call.ReadAsync<CalendarFound>(new GetCalendar(call.AccountId, fromInstant, toInstant, call.Caller));
        return calendar is null ? problem! : TypedResults.Ok(calendar);
    }
}
