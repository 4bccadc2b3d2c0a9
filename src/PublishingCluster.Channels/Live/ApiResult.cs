namespace PublishingCluster.Channels.Live;

/// <summary>What a network answered: a value, or a failure of a kind the domain knows, with its rate budget.</summary>
public abstract record ApiResult<T>(RateBudget? Budget)
{
    public sealed record Ok(T Value, RateBudget? Budget = null) : ApiResult<T>(Budget);

    public sealed record Failed(ApiFailure Failure, RateBudget? Budget = null) : ApiResult<T>(Budget);
}

/// <summary>Why a network refused, and what may help: waiting, retrying, refreshing the token, or a person.</summary>
/// <param name="RetryAfter">For <see cref="ApiFailureKind.RateLimited"/>: how long until the network's window resets.</param>
/// <param name="Field">For a refused connection: which field of it was wrong (the token, the instance URL, ...).</param>
public sealed record ApiFailure(ApiFailureKind Kind, string Reason, TimeSpan? RetryAfter = null, string? Field = null);

public enum ApiFailureKind
{
    /// <summary>A passing failure (5xx, an outage): try again later.</summary>
    Passing,

    /// <summary>The network's rate limit: wait for <see cref="ApiFailure.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>The token is expired or revoked: refresh it, and if that fails a person must reconnect.</summary>
    TokenRefused,

    /// <summary>The network refused the request itself (too long, a bad media type): a person must change it.</summary>
    Refused,
}

/// <summary>The budget a network reported in its rate-limit headers for the calls of this kind.</summary>
public sealed record RateBudget(int Limit, int Remaining, DateTimeOffset ResetsAt);
