namespace PublishingCluster.Domain.Common;

/// <summary>What kind of rule a refused command broke; the HTTP edge maps each kind to one status code.</summary>
public enum RejectionKind
{
    /// <summary>A value is malformed or out of range (HTTP 400).</summary>
    Validation,

    /// <summary>The account, channel or post named does not exist (HTTP 404).</summary>
    NotFound,

    /// <summary>The command does not fit the current lifecycle state (HTTP 409).</summary>
    Lifecycle,

    /// <summary>The command breaks a rule of the contract or of the channel (HTTP 422).</summary>
    Rule,
}

/// <summary>
/// Why a command was refused. <paramref name="Field"/> names the offending input (a JSON path such as
/// <c>variants[0].text</c>) so that a caller can point at it; <paramref name="Code"/> is stable and machine-readable.
/// </summary>
public sealed record Rejection(RejectionKind Kind, string Code, string Field, string Message)
{
    public static Rejection Invalid(string field, string code, string message) => new(RejectionKind.Validation, code, field, message);

    /// <summary>A part of a command that must be there is null: the rules refuse it rather than meet it.</summary>
    public static Rejection Missing(string field) => new(RejectionKind.Validation, "value.missing", field, "A value is required here.");

    public static Rejection NotFound(string field, string code, string message) => new(RejectionKind.NotFound, code, field, message);

    public static Rejection Lifecycle(string field, string code, string message) => new(RejectionKind.Lifecycle, code, field, message);

    public static Rejection Rule(string field, string code, string message) => new(RejectionKind.Rule, code, field, message);
}
