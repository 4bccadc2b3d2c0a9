using System.Security.Claims;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Security;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Server.Security;

namespace PublishingCluster.Server.Api.Routes;

/// <summary>
/// What every account route takes, bound with <c>[AsParameters]</c>: the request, the caller, the way to the accounts,
/// the node's clock (commands are stamped with the time they arrived) and the request's cancellation.
/// </summary>
public record Call(HttpRequest Http, ClaimsPrincipal User, AccountGateway Accounts, TimeProvider Clock, CancellationToken Cancellation)
{
    public Caller Caller => AccessPolicy.CallerOf(User);

    public Task<IAccountReply> AskAsync(IAccountRequest request) => Accounts.AskAsync(request, Cancellation);

    /// <summary>Reads the account; the reply is <typeparamref name="TView"/>, or the problem it answered instead.</summary>
    public async Task<(TView? View, ApiProblem? Problem)> ReadAsync<TView>(IAccountQuery query)
        where TView : class, IAccountView
    {
        var reply = await AskAsync(query);
        return reply is TView view ? (view, null) : (null, Replies.AsProblem(reply) ?? Replies.Unexpected(reply));
    }

    /// <summary>
    /// Runs <paramref name="command"/> and answers with <paramref name="then"/> read from the state after it, which the
    /// account sends back with its acceptance. An account on a node of an earlier build accepts without it (it does not
    /// know the field): then, and only then, the view is read with a second ask, as that build's routes did.
    /// </summary>
    public async Task<Written<TView>> ExecuteAsync<TView>(IAccountCommand command, IAccountQuery then)
        where TView : class, IAccountView
    {
        var reply = await AskAsync(new Execute(command, Clock.GetUtcNow(), Caller, then));
        if (reply is not CommandAccepted accepted)
        {
            return new Written<TView>(null, false, Replies.AsProblem(reply) ?? Replies.Unexpected(reply));
        }

        var (view, problem) = accepted.View is TView carried ? (carried, null) : await ReadAsync<TView>(then);
        return new Written<TView>(view, accepted.Repeated, problem);
    }
}

/// <summary>A route on one account: <see cref="Call"/> and the account named in the path.</summary>
public record AccountCall(string AccountId, HttpRequest Http, ClaimsPrincipal User, AccountGateway Accounts, TimeProvider Clock, CancellationToken Cancellation)
    : Call(Http, User, Accounts, Clock, Cancellation)
{
    /// <summary>An account id that cannot name an account is answered like an unknown one, without asking any actor.</summary>
    public ApiProblem? Malformed => Replies.UnknownIfMalformed(AccountId, "accountId", "account");

    /// <summary>Like <see cref="Malformed"/>, for the account id and the id of the thing on it the path names.</summary>
    public ApiProblem? MalformedWith(string id, string field, string what) => Malformed ?? Replies.UnknownIfMalformed(id, field, what);
}

/// <summary>What a write answers with: the view after it (and whether the command only repeated an earlier request), or the problem.</summary>
public readonly record struct Written<TView>(TView? View, bool Repeated, ApiProblem? Problem)
    where TView : class;
