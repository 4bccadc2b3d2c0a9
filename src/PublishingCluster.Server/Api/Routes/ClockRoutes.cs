using Microsoft.AspNetCore.Http.HttpResults;
using PublishingCluster.Actors.Clocks;
using PublishingCluster.Server.Api.ReadModels;
using PublishingCluster.Server.Api.Requests;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Api.Routes;

/// <summary>The operator's view of the node clock, and the controls of a virtual one.</summary>
public static class ClockRoutes
{
    public static void MapClockRoutes(this IEndpointRouteBuilder app)
    {
        var clock = app.MapGroup("/admin/clock").WithTags("Operator");
        clock.MapGet("/", (TimeProvider time) => TypedResults.Ok(StateOf(time)))
            .WithName("GetClock")
            .Requires(Permission.Operate)
            .WithSummary("The node's clock: real or virtual, its time now and its speed.");
        clock.MapPost("/", MoveAsync)
            .WithName("MoveClock")
            .Requires(Permission.Operate)
            .WithSummary("Move a virtual clock: {\"advanceBy\": \"01:00:00\"} or {\"to\": instant}, and/or {\"speed\": 60}. Time never goes back.")
            .Accepts<ClockRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<ClockState>, ApiProblem>> MoveAsync(HttpRequest http, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ClockRequest>(http, ct);
        if (body is null)
        {
            return problem!;
        }

        if (time is not VirtualClock clock)
        {
            return Problems.Problem(StatusCodes.Status409Conflict, "clock.real", null, "This node runs on the real clock; start it with --clock virtual to move time.");
        }

        var request = body.Value;
        if (request is { AdvanceBy: not null, To: not null })
        {
            return Problems.Invalid("to", "clock.target-ambiguous", "Send either \"advanceBy\" or \"to\", not both.");
        }

        if (request.AdvanceBy is { } by && by < TimeSpan.Zero)
        {
            return Problems.Invalid("advanceBy", "clock.backwards", "Virtual time does not go backwards.");
        }

        if (request.To is { } to && to < clock.GetUtcNow())
        {
            return Problems.Invalid("to", "clock.backwards", $"Virtual time does not go backwards (it is {clock.GetUtcNow():O}).");
        }

        if (request.Speed is { } speed && !VirtualClock.IsValidSpeed(speed))
        {
            return Problems.Invalid("speed", "clock.speed-out-of-range", "Speed is a factor between 0 (stand still) and 1,000,000.");
        }

        if (request.AdvanceBy is { } advance)
        {
            clock.Advance(advance);
        }
        else if (request.To is { } target)
        {
            // Checked above; a clock running fast may have passed it since, which is not a request to go back.
            clock.AdvanceTo(target);
        }

        if (request.Speed is { } newSpeed)
        {
            clock.SetSpeed(newSpeed);
        }

        return TypedResults.Ok(StateOf(clock));
    }

    private static ClockState StateOf(TimeProvider time) => time is VirtualClock clock
        ? new ClockState("virtual", clock.GetUtcNow(), clock.Speed)
        : new ClockState("real", time.GetUtcNow(), 1);
}
