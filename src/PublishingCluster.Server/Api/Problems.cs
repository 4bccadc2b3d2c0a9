using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PublishingCluster.Domain.Common;

namespace PublishingCluster.Server.Api;

/// <summary>
/// RFC 7807 problem details for every error the API gives: the status, a stable <c>code</c>, the
/// <c>field</c> at fault (a JSON path into the request, a query parameter or a header) and a readable detail.
/// </summary>
public static class Problems
{
    public static ApiProblem From(Rejection rejection) => Problem(StatusOf(rejection.Kind), rejection.Code, rejection.Field, rejection.Message);

    public static ApiProblem Invalid(string field, string code, string message) => Problem(StatusCodes.Status400BadRequest, code, field, message);

    public static ApiProblem Unavailable(string detail) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "service.unavailable", null, detail, retryAfterSeconds: 1);

    public static int StatusOf(RejectionKind kind) => kind switch
    {
        RejectionKind.Validation => StatusCodes.Status400BadRequest,
        RejectionKind.NotFound => StatusCodes.Status404NotFound,
        RejectionKind.Lifecycle => StatusCodes.Status409Conflict,
        RejectionKind.Rule => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ApiProblem Problem(int status, string code, string? field, string detail, int? retryAfterSeconds = null)
    {
        var problem = new ProblemDetails
        {
            Type = $"urn:publishingcluster:problem:{code}",
            Title = TitleOf(status),
            Status = status,
            Detail = detail,
        };
        problem.Extensions["code"] = code;
        if (field is not null)
        {
            problem.Extensions["field"] = field;
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        return new ApiProblem(TypedResults.Problem(problem), retryAfterSeconds);
    }

    private static string TitleOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is invalid.",
        StatusCodes.Status401Unauthorized => "Authentication required.",
        StatusCodes.Status403Forbidden => "Not allowed.",
        StatusCodes.Status404NotFound => "Not found.",
        StatusCodes.Status409Conflict => "The request conflicts with the current state.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON.",
        StatusCodes.Status422UnprocessableEntity => "The request breaks a rule.",
        StatusCodes.Status429TooManyRequests => "Too many requests.",
        StatusCodes.Status503ServiceUnavailable => "The service cannot answer now; retry.",
        _ => "The request failed.",
    };
}

/// <summary>
/// A problem details answer as a typed result, so a route's return type (<c>Results&lt;Ok&lt;Post&gt;, ApiProblem&gt;</c>)
/// names it; with <c>Retry-After</c> when the client should come back (<see cref="Problems.Unavailable"/>). Its status
/// depends on the rule broken, so the statuses a route may answer are declared on the route (<c>ProducesProblem</c>).
/// </summary>
public sealed class ApiProblem(ProblemHttpResult problem, int? retryAfterSeconds = null)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    public ProblemDetails ProblemDetails => problem.ProblemDetails;

    public int StatusCode => problem.StatusCode;

    int? IStatusCodeHttpResult.StatusCode => problem.StatusCode;

    public string ContentType => problem.ContentType;

    string? IContentTypeHttpResult.ContentType => problem.ContentType;

    object? IValueHttpResult.Value => problem.ProblemDetails;

    ProblemDetails? IValueHttpResult<ProblemDetails>.Value => problem.ProblemDetails;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (retryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return problem.ExecuteAsync(httpContext);
    }
}
