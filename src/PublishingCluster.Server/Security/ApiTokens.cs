using System.Security.Cryptography;
using System.Text;

namespace PublishingCluster.Server.Security;

/// <summary>
/// API key tokens: <c>pck.{agencyId}.{keyId}.{secret}</c>. The agency and key ids route the check to the
/// agency that issued the key; only the SHA-256 of the 256-bit random secret is ever stored.
/// </summary>
public static class ApiTokens
{
    public const string Prefix = "pck";

    public sealed record Parsed(string AgencyId, string KeyId, string Secret);

    public static (string Token, string SecretHash) Issue(string agencyId, string keyId)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return ($"{Prefix}.{agencyId}.{keyId}.{secret}", Hash(secret));
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string NewKeyId() => $"key_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";

    public static bool TryParse(string token, out Parsed parsed)
    {
        parsed = null!;
        var parts = token.Split('.');
        if (parts is not [Prefix, var agencyId, var keyId, var secret] || agencyId.Length == 0 || keyId.Length == 0 || secret.Length is < 16 or > 128)
        {
            return false;
        }

        parsed = new Parsed(agencyId, keyId, secret);
        return true;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
