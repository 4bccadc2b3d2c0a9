using System.Security.Cryptography;
using System.Text;
using PublishingCluster.Domain.Common;

namespace PublishingCluster.Domain.Agencies;

/// <summary>The agency as a decider: registering it and managing its API keys; and checking a presented key.</summary>
public static class AgencyDecider
{
    public const int MaxNameLength = 200;
    public const int MaxLabelLength = 100;
    public const int MaxAccountsPerKey = 1000;
    public const int MaxKeys = 1000;

    public static (IAgencyEvent? Event, Rejection? Rejection) Decide(AgencyState state, IAgencyCommand command, DateTimeOffset now)
    {
        if (command is RegisterAgency register)
        {
            if (!IsWellFormedId(register.AgencyId))
            {
                return Reject(Rejection.Invalid("agencyId", "agency.id-invalid", "An agency id has 1 to 64 letters, digits, '-' or '_'."));
            }

            if (string.IsNullOrWhiteSpace(register.Name) || register.Name.Length > MaxNameLength)
            {
                return Reject(Rejection.Invalid("name", "agency.name-invalid", $"A name of 1 to {MaxNameLength} characters is required."));
            }

            return state.IsRegistered
                ? Reject(Rejection.Lifecycle("agencyId", "agency.already-registered", $"Agency '{state.AgencyId}' is already registered."))
                : (new AgencyRegistered(register.AgencyId, register.Name.Trim(), now), null);
        }

        if (!state.IsRegistered)
        {
            return Reject(NotFound(state.AgencyId));
        }

        return command switch
        {
            IssueApiKey issue => Issue(state, issue, now),
            RevokeApiKey revoke => state.Keys.TryGetValue(revoke.KeyId, out var key)
                ? key.IsActive
                    ? (new ApiKeyRevoked(key.KeyId, now), null)
                    : Reject(Rejection.Lifecycle("keyId", "key.already-revoked", $"Key '{key.KeyId}' was revoked at {key.RevokedAt:O}."))
                : Reject(Rejection.NotFound("keyId", "key.not-found", $"Agency '{state.AgencyId}' has no key '{revoke.KeyId}'.")),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown agency command."),
        };
    }

    public static AgencyState Evolve(AgencyState state, IAgencyEvent @event) => (@event switch
    {
        AgencyRegistered e => state with { Name = e.Name, RegisteredAt = e.At },
        ApiKeyIssued e => state with { Keys = state.Keys.SetItem(e.KeyId, new ApiKey(e.KeyId, e.Label, e.Role, e.AccountIds, e.SecretHash, e.At)) },
        ApiKeyRevoked e => state with { Keys = state.Keys.SetItem(e.KeyId, state.Keys[e.KeyId] with { RevokedAt = e.At }) },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown agency event."),
    }) with
    { Version = state.Version + 1 };

    public static Rejection NotFound(string agencyId) =>
        Rejection.NotFound("agencyId", "agency.not-found", $"There is no agency '{agencyId}'.");

    /// <summary>The active key whose secret hashes to <paramref name="secretHash"/>, compared in constant time.</summary>
    public static ApiKey? Authenticate(AgencyState state, string keyId, string secretHash)
    {
        if (!state.Keys.TryGetValue(keyId, out var key) || !key.IsActive)
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(key.SecretHash);
        var presented = Encoding.ASCII.GetBytes(secretHash);
        return CryptographicOperations.FixedTimeEquals(expected, presented) ? key : null;
    }

    /// <summary>Agency and key ids: letters, digits, '-' and '_', 1 to 64 characters (they travel inside tokens and URLs).</summary>
    public static bool IsWellFormedId(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static (IAgencyEvent?, Rejection?) Issue(AgencyState state, IssueApiKey issue, DateTimeOffset now)
    {
        if (state.Keys.ContainsKey(issue.KeyId))
        {
            return Reject(Rejection.Lifecycle("keyId", "key.exists", $"Key '{issue.KeyId}' exists."));
        }

        if (string.IsNullOrWhiteSpace(issue.Label) || issue.Label.Length > MaxLabelLength)
        {
            return Reject(Rejection.Invalid("label", "key.label-invalid", $"A label of 1 to {MaxLabelLength} characters is required (who holds the key)."));
        }

        if (!Enum.IsDefined(issue.Role))
        {
            return Reject(Rejection.Invalid("role", "key.role-unknown", "Unknown role."));
        }

        if (issue.AccountIds.Count > MaxAccountsPerKey || issue.AccountIds.Any(id => !IsWellFormedId(id)) || issue.AccountIds.Distinct().Count() != issue.AccountIds.Count)
        {
            return Reject(Rejection.Invalid("accountIds", "key.accounts-invalid", $"At most {MaxAccountsPerKey} distinct, well-formed account ids."));
        }

        var accountsRule = issue.Role switch
        {
            AgencyRole.AgencyAdmin when issue.AccountIds.Count > 0 => "An agency admin sees every account; give no account ids.",
            AgencyRole.AccountManager when issue.AccountIds.Count == 0 => "An account manager needs the accounts assigned to them.",
            AgencyRole.ClientReviewer when issue.AccountIds.Count != 1 => "A client reviewer reviews exactly one account.",
            _ => null,
        };
        if (accountsRule is not null)
        {
            return Reject(Rejection.Invalid("accountIds", "key.accounts-for-role", accountsRule));
        }

        if (state.Keys.Count >= MaxKeys)
        {
            return Reject(Rejection.Rule("keyId", "key.too-many", $"An agency holds at most {MaxKeys} keys, revoked ones included."));
        }

        return (new ApiKeyIssued(issue.KeyId, issue.Label.Trim(), issue.Role, issue.AccountIds, issue.SecretHash, now), null);
    }

    private static (IAgencyEvent?, Rejection?) Reject(Rejection rejection) => (null, rejection);
}
