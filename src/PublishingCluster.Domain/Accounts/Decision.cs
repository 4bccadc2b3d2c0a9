using System.Collections.Immutable;
using PublishingCluster.Domain.Common;

namespace PublishingCluster.Domain.Accounts;

/// <summary>
/// The outcome of <see cref="ClientAccount.Decide"/>: the events to persist, or the rejection.
/// An accepted command may produce no events (an idempotent repeat of a request already applied).
/// </summary>
public sealed record Decision
{
    private Decision(ImmutableList<IAccountEvent> events, Rejection? rejection, string? resultId)
    {
        Events = events;
        Rejection = rejection;
        ResultId = resultId;
    }

    public ImmutableList<IAccountEvent> Events { get; }

    public Rejection? Rejection { get; }

    /// <summary>The id of what the command created or addressed (account, channel or post), for the caller.</summary>
    public string? ResultId { get; }

    public bool IsAccepted => Rejection is null;

    public static Decision Accept(string? resultId, params IAccountEvent[] events) => new([.. events], null, resultId);

    public static Decision Accept(string? resultId, IEnumerable<IAccountEvent> events) => new([.. events], null, resultId);

    public static Decision Reject(Rejection rejection) => new([], rejection, null);
}
