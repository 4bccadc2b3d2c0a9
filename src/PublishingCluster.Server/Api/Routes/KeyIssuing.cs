using Microsoft.AspNetCore.Http.HttpResults;
using PublishingCluster.Actors.Agencies;
using PublishingCluster.Domain.Agencies;
using PublishingCluster.Server.Api.ReadModels;
using PublishingCluster.Server.Api.Requests;

namespace PublishingCluster.Server.Api.Routes;

/// <summary>Issuing and revoking keys, for the operator's routes and the agency admin's alike.</summary>
public static class KeyIssuing
{
    public static async Task<Results<Created<IssuedKey>, ApiProblem>> IssueAsync(string agencyId, HttpRequest http, AgencyGateway agencies, TimeProvider clock, string location, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<IssueKeyRequest>(http, ct);
        if (body is null)
        {
            return problem!;
        }

        var request = body.Value;
        var keyId = Security.ApiTokens.NewKeyId();
        var (token, hash) = Security.ApiTokens.Issue(agencyId, keyId);
        var accountIds = request.AccountIds ?? [];
        var reply = await agencies.AskAsync(new ExecuteAgency(new IssueApiKey(agencyId, keyId, request.Label, request.Role, accountIds, hash), clock.GetUtcNow()), ct);
        return AsProblem(reply) is { } refused
            ? refused
            : TypedResults.Created($"{location}/{keyId}", new IssuedKey(agencyId, keyId, request.Label.Trim(), request.Role, accountIds, token));
    }

    public static async Task<Results<NoContent, ApiProblem>> RevokeAsync(string agencyId, string keyId, AgencyGateway agencies, TimeProvider clock, CancellationToken ct)
    {
        if (!AgencyDecider.IsWellFormedId(keyId))
        {
            return Problems.Problem(StatusCodes.Status404NotFound, "key.not-found", "keyId", $"There is no key '{keyId}'.");
        }

        var reply = await agencies.AskAsync(new ExecuteAgency(new RevokeApiKey(agencyId, keyId), clock.GetUtcNow()), ct);
        return AsProblem(reply) is { } refused ? refused : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<AgencyFound>, ApiProblem>> ShowAsync(string agencyId, AgencyGateway agencies, CancellationToken ct)
    {
        var reply = await agencies.AskAsync(new GetAgency(agencyId), ct);
        return reply is AgencyFound found ? TypedResults.Ok(found) : AsProblem(reply) ?? Problems.Unavailable("Unexpected answer.");
    }

    public static ApiProblem? AsProblem(IAgencyReply reply) => reply switch
    {
        AgencyCommandRejected r => Problems.From(r.Rejection),
        AgencyCommandFailed f => Problems.Unavailable(f.Reason),
        _ => null,
    };
}
