using PublishingCluster.Actors.Accounts;
using PublishingCluster.Domain.Common;

namespace PublishingCluster.Server.Api;

/// <summary>Turns an account's refusals and failures into problem details; successes are each route's own.</summary>
public static class Replies
{
    public static ApiProblem? AsProblem(IAccountReply reply) => reply switch
    {
        CommandRejected r => Problems.From(r.Rejection),
        QueryRejected r => Problems.From(r.Rejection),
        CommandFailed f => Problems.Unavailable(f.Reason),
        _ => null,
    };

    public static ApiProblem Unexpected(IAccountReply reply) =>
        Problems.Problem(StatusCodes.Status500InternalServerError, "reply.unexpected", null, $"The account answered {reply.GetType().Name}.");

    /// <summary>A route id that cannot name anything is answered like an unknown one, without asking any actor.</summary>
    public static ApiProblem? UnknownIfMalformed(string id, string field, string what) =>
        ResourceIds.IsWellFormed(id)
            ? null
            : Problems.From(Rejection.NotFound(field, $"{what}.not-found", $"There is no {what} '{Truncate(id)}'."));

    private static string Truncate(string id) => id.Length <= 64 ? id : id[..64] + "...";
}
