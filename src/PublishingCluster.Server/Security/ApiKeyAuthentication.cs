using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PublishingCluster.Actors.Agencies;
using PublishingCluster.Actors.Security;
using PublishingCluster.Domain.Agencies;
using PublishingCluster.Server.Api;
using PublishingCluster.Server.Hosting;

namespace PublishingCluster.Server.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer ...</c>: the node's operator token, or an agency's API key, checked by
/// the agency actor on every request (so revocation takes effect at once everywhere). Challenges and refusals are
/// problem details like every other error.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AgencyGateway agencies,
    AgencyDirectory directory,
    IOptions<NodeOptions> node) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AdminListener.IsTrustedLocalOperator(Context, node.Value)
                ? Success(AccessPolicy.Principal("operator@loopback", Caller.OperatorRole, null, [], SchemeName))
                : AuthenticateResult.NoResult();
        }

        // Exactly "Bearer", one space and the token: a token holds no white space, so none is trimmed away.
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : string.Empty;
        if (token.Length == 0 || token.Any(char.IsWhiteSpace))
        {
            return AuthenticateResult.Fail("Use 'Authorization: Bearer <key>'.");
        }

        if (node.Value.OperatorToken is { Length: > 0 } operatorToken && FixedTimeEquals(token, operatorToken))
        {
            return Success(AccessPolicy.Principal("operator", Caller.OperatorRole, null, [], SchemeName));
        }

        if (!ApiTokens.TryParse(token, out var parsed) || !AgencyDecider.IsWellFormedId(parsed.AgencyId) || !AgencyDecider.IsWellFormedId(parsed.KeyId))
        {
            return AuthenticateResult.Fail("The key is malformed.");
        }

        // An agency nobody registered is refused here: asking its actor would start one for every made-up agency.
        if (!await directory.ExistsAsync(parsed.AgencyId, Context.RequestAborted))
        {
            return AuthenticateResult.Fail("The key is unknown or revoked.");
        }

        var reply = await agencies.AskAsync(new Authenticate(parsed.AgencyId, parsed.KeyId, ApiTokens.Hash(parsed.Secret)), Context.RequestAborted);
        return reply switch
        {
            Authenticated key => Success(AccessPolicy.Principal(key.KeyId, key.Role.ToString(), key.AgencyId, key.AccountIds, SchemeName)),
            AgencyCommandFailed failed => throw new InvalidOperationException(failed.Reason),
            _ => AuthenticateResult.Fail("The key is unknown or revoked."),
        };
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.Problem(StatusCodes.Status401Unauthorized, "auth.unauthenticated", "Authorization",
            "Send a valid API key as 'Authorization: Bearer <key>'.").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Problem(StatusCodes.Status403Forbidden, "auth.forbidden", null, "This key's role does not allow this.").ExecuteAsync(Context);

    private AuthenticateResult Success(System.Security.Claims.ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
