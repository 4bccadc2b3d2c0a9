using Microsoft.AspNetCore.Http;

namespace PublishingCluster.Server.Api;

/// <summary>
/// Gives the problems ASP.NET Core writes itself (no route, wrong method, a body that is not JSON, an unhandled
/// failure) the same <c>code</c> every other problem of this API carries, so clients can branch on one field.
/// </summary>
public static class FrameworkProblems
{
    public static void AddCode(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        var (code, field) = problem.Status switch
        {
            StatusCodes.Status400BadRequest => ("request.invalid", (string?)null),
            StatusCodes.Status404NotFound => ("route.not-found", null),
            StatusCodes.Status405MethodNotAllowed => ("method.not-allowed", null),
            StatusCodes.Status413PayloadTooLarge => ("request.too-large", "$"),
            StatusCodes.Status415UnsupportedMediaType => ("request.not-json", "Content-Type"),
            _ => ("server.error", null),
        };
        problem.Type ??= $"urn:publishingcluster:problem:{code}";
        problem.Extensions["code"] = code;
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }
    }
}
