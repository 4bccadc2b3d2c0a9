using System.Security.Claims;
using PublishingCluster.Actors.Security;
using PublishingCluster.Domain.Agencies;

namespace PublishingCluster.Server.Security;

/// <summary>
/// Who may do what. Roles map to permissions here and nowhere else; which accounts a key sees comes from the
/// key itself (an admin: all of the agency's, a manager: the assigned ones, a reviewer: one). The operator sees
/// every tenant but edits no content.
/// </summary>
public static class AccessPolicy
{
    public const string AgencyClaim = "agency";
    public const string AccountClaim = "account";

    public static bool Allows(string role, Permission permission) => (role, permission) switch
    {
        (nameof(AgencyRole.AgencyAdmin), not Permission.Operate) => true,
        (nameof(AgencyRole.AccountManager), Permission.ReadAccount or Permission.EditContent or Permission.ReviewContent) => true,
        (nameof(AgencyRole.ClientReviewer), Permission.ReadAccount or Permission.ReviewContent) => true,
        (Caller.OperatorRole, Permission.Operate or Permission.ReadAccount) => true,
        _ => false,
    };

    /// <summary>Whether the key may know that <paramref name="accountId"/> exists; the account itself also checks the agency.</summary>
    public static bool MaySee(ClaimsPrincipal user, string accountId) => RoleOf(user) switch
    {
        nameof(AgencyRole.AccountManager) or nameof(AgencyRole.ClientReviewer) => user.FindAll(AccountClaim).Any(c => c.Value == accountId),
        _ => true,
    };

    public static string RoleOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? string.Empty;

    public static Caller CallerOf(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous",
        RoleOf(user),
        user.FindFirstValue(AgencyClaim));

    public static ClaimsPrincipal Principal(string subject, string role, string? agencyId, IEnumerable<string> accountIds, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, subject), new(ClaimTypes.Role, role) };
        if (agencyId is not null)
        {
            claims.Add(new Claim(AgencyClaim, agencyId));
        }

        claims.AddRange(accountIds.Select(id => new Claim(AccountClaim, id)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
