using Microsoft.AspNetCore.Mvc;
using PublishingCluster.Domain.Common;

namespace PublishingCluster.Server.Api;

/// <summary>
/// RFC 7807 problem details for every error the API gives: the status, a stable <c>code</c>, the
/// <c>field</c> at fault (a JSON path into the request, a query parameter or a header) and a readable detail.
/// </summary>
public static class Problems
{
    public static IResult From(Rejection rejection) => Problem(StatusOf(rejection.Kind), rejection.Code, rejection.Field, rejection.Message);

    public static IResult Invalid(string field, string code, string message) => Problem(StatusCodes.Status400BadRequest, code, field, message);

    public static IResult Unavailable(string detail) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "service.unavailable", null, detail, retryAfterSeconds: 1);

    public static int StatusOf(RejectionKind kind) => kind switch
    {
        RejectionKind.Validation => StatusCodes.Status400BadRequest,
        RejectionKind.NotFound => StatusCodes.Status404NotFound,
        RejectionKind.Lifecycle => StatusCodes.Status409Conflict,
        RejectionKind.Rule => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static IResult Problem(int status, string code, string? field, string detail, int? retryAfterSeconds = null)
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

        var result = Results.Problem(problem);
        return retryAfterSeconds is { } seconds ? new WithHeader(result, "Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)) : result;
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

    private sealed class WithHeader(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
