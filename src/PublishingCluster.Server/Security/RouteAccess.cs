using Microsoft.Extensions.Options;
using PublishingCluster.Domain.Common;
using PublishingCluster.Server.Api;
using PublishingCluster.Server.Hosting;

namespace PublishingCluster.Server.Security;

/// <summary>
/// Puts a route behind authentication and its permission. The order of checks is what keeps ids unprobeable:
/// an account the key may not see is a 404 whatever the role, and only then does a role without the
/// permission get a 403. (An account of another agency is answered as missing by the account itself.)
/// </summary>
public static class RouteAccess
{
    public static TBuilder Requires<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new RequiresPermission(permission));
        builder.RequireAuthorization();
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.GetRouteValue("accountId") is string accountId && !AccessPolicy.MaySee(http.User, accountId))
            {
                return Problems.From(Rejection.NotFound("accountId", "account.not-found", $"There is no account '{accountId}'."));
            }

            return AccessPolicy.Allows(AccessPolicy.RoleOf(http.User), permission)
                ? await next(context)
                : Problems.Problem(StatusCodes.Status403Forbidden, "auth.forbidden", null, $"A {AccessPolicy.RoleOf(http.User)} key may not do this ({permission}).");
        });
        return builder;
    }

    /// <summary>
    /// Operator routes do not exist on the public listener unless an operator token is configured; answered
    /// before authentication so the public side cannot even tell they are there.
    /// </summary>
    public static IApplicationBuilder UseOperatorRoutesGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var requires = context.GetEndpoint()?.Metadata.GetMetadata<RequiresPermission>();
            var node = context.RequestServices.GetRequiredService<IOptions<NodeOptions>>().Value;
            if (requires?.Permission == Permission.Operate && !AdminListener.ServesOperatorRoutes(context, node))
            {
                await Problems.Problem(StatusCodes.Status404NotFound, "route.not-found", null, "There is no such route.").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
}
