using Microsoft.AspNetCore.Http.HttpResults;
using PublishingCluster.Server.Api.ReadModels;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Api.Routes;

/// <summary>The operator's view of the cluster: members, and where an account's shard lives.</summary>
public static class ClusterRoutes
{
    public static void MapClusterRoutes(this IEndpointRouteBuilder app)
    {
        var cluster = app.MapGroup("/admin/cluster").WithTags("Operator");
        cluster.MapGet("/", async (ClusterView view, CancellationToken ct) => TypedResults.Ok(await view.StateAsync(ct)))
            .WithName("GetCluster")
            .Requires(Permission.Operate)
            .WithSummary("The members as this node sees them (status, reachability) and how many account shards each holds.");
        cluster.MapGet("/accounts/{entityId}/location", LocateAsync)
            .WithName("LocateAccount")
            .Requires(Permission.Operate)
            .WithSummary("The account's shard and the node that holds it now (null while no node holds it).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<Results<Ok<AccountLocation>, ApiProblem>> LocateAsync(string entityId, ClusterView view, CancellationToken ct)
    {
        // Any well-formed id has a shard, whether or not an account was opened under it.
        if (!ResourceIds.IsWellFormed(entityId))
        {
            return Problems.Invalid("entityId", "account.id-malformed", "An account id is 1 to 64 letters, digits, '-' or '_'.");
        }

        return await view.LocateAsync(entityId, ct) is { } location
            ? TypedResults.Ok(location)
            : Problems.Unavailable("The shard regions did not tell where their shards are in time; try again.");
    }
}
