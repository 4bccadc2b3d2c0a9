using System.Collections.Immutable;
using PublishingCluster.Actors.Agencies;
using PublishingCluster.Domain.Agencies;

namespace PublishingCluster.Server.Api;

public sealed record RegisterAgencyRequest(string AgencyId, string Name);

/// <summary>A key for someone: their label, their role and (managers, reviewers) their accounts.</summary>
public sealed record IssueKeyRequest(string Label, AgencyRole Role, ImmutableList<string>? AccountIds = null);

/// <summary>A newly issued key. <see cref="Token"/> is shown this once and stored nowhere: keep it safe.</summary>
public sealed record IssuedKey(string AgencyId, string KeyId, string Label, AgencyRole Role, ImmutableList<string> AccountIds, string Token);

/// <summary>Issuing and revoking keys, for the operator's routes and the agency admin's alike.</summary>
public static class KeyIssuing
{
    public static async Task<IResult> IssueAsync(string agencyId, HttpRequest http, AgencyGateway agencies, TimeProvider clock, string location, CancellationToken ct)
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
        return AsProblem(reply) ?? Results.Created($"{location}/{keyId}", new IssuedKey(agencyId, keyId, request.Label.Trim(), request.Role, accountIds, token));
    }

    public static async Task<IResult> RevokeAsync(string agencyId, string keyId, AgencyGateway agencies, TimeProvider clock, CancellationToken ct)
    {
        if (!AgencyDecider.IsWellFormedId(keyId))
        {
            return Problems.Problem(StatusCodes.Status404NotFound, "key.not-found", "keyId", $"There is no key '{keyId}'.");
        }

        var reply = await agencies.AskAsync(new ExecuteAgency(new RevokeApiKey(agencyId, keyId), clock.GetUtcNow()), ct);
        return AsProblem(reply) ?? Results.NoContent();
    }

    public static async Task<IResult> ShowAsync(string agencyId, AgencyGateway agencies, CancellationToken ct)
    {
        var reply = await agencies.AskAsync(new GetAgency(agencyId), ct);
        return reply is AgencyFound found ? Results.Ok(found) : AsProblem(reply) ?? Problems.Unavailable("Unexpected answer.");
    }

    public static IResult? AsProblem(IAgencyReply reply) => reply switch
    {
        AgencyCommandRejected r => Problems.From(r.Rejection),
        AgencyCommandFailed f => Problems.Unavailable(f.Reason),
        _ => null,
    };
}
