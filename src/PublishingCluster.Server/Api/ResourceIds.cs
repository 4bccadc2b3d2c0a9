using System.Security.Cryptography;
using System.Text;

namespace PublishingCluster.Server.Api;

/// <summary>
/// Ids of accounts, channels and posts. A request that carries an idempotency key gets an id derived from the
/// key (within its scope), so a repeat of the request addresses the same resource and the account actor can
/// tell that nothing new is to be created.
/// </summary>
public static class ResourceIds
{
    public const string AccountPrefix = "acc";
    public const string ChannelPrefix = "ch";
    public const string PostPrefix = "post";

    public static string For(string prefix, string scope, string? idempotencyKey)
    {
        if (idempotencyKey is null)
        {
            return $"{prefix}_{Guid.NewGuid():N}";
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{prefix}\n{scope}\n{idempotencyKey}"));
        return $"{prefix}_{Convert.ToHexStringLower(hash.AsSpan(0, 16))}";
    }

    /// <summary>Ids in routes: what <see cref="For"/> makes, or any short id of letters, digits, '-' and '_'.</summary>
    public static bool IsWellFormed(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

/// <summary>The <c>Idempotency-Key</c> request header.</summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 255;

    /// <summary>Reads the key if present; a malformed key is a 400 naming the header.</summary>
    public static bool TryRead(HttpRequest request, out string? key, out ApiProblem? problem)
    {
        key = null;
        problem = null;
        if (!request.Headers.TryGetValue(Header, out var values))
        {
            return true;
        }

        var value = values.Count == 1 ? values[0] : null;
        if (value is null || value.Length is 0 or > MaxLength || value.Any(c => c < 0x21 || c > 0x7e))
        {
            problem = Problems.Invalid(Header, "idempotency.key-invalid", $"Send one key of 1 to {MaxLength} visible ASCII characters.");
            return false;
        }

        key = value;
        return true;
    }
}
