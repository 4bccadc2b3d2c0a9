using System.Net;
using PublishingCluster.Server.Security;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// Every route x every caller x own or other agency's account, generated from the server's route table: the
/// expected status of each cell follows from the route's declared permission and the caller's role.
/// </summary>
public sealed class AccessMatrixTests(TenantWorld world) : IClassFixture<TenantWorld>
{
    public static TheoryData<string> CallerNames => ["anonymous", "bad-key", "operator", "agency-admin", "account-manager", "client-reviewer"];

    [Fact]
    public void Every_route_declares_a_permission_or_is_one_of_the_public_routes()
    {
        var routes = RouteTable.Of(world.Host);
        Assert.NotEmpty(routes);
        Assert.All(routes, r => Assert.True(r.Permission is not null, $"{r} declares no permission: add .Requires(...) to it."));
        Assert.All(RouteTable.PublicEndpoints(world.Host), e => Assert.True(e.AllowsAnonymous, $"{e.Key} should be AllowAnonymous."));
    }

    [Theory]
    [MemberData(nameof(CallerNames))]
    public async Task Each_route_answers_each_caller_as_its_permission_says(string callerName)
    {
        var client = world.Callers[callerName];
        var failures = new List<string>();
        foreach (var route in RouteTable.Of(world.Host))
        {
            foreach (var target in route.HasAccount ? new[] { world.A1, world.B1 } : [world.A1])
            {
                var sample = await SampleRequests.ForAsync(route, world, target);
                var (status, body, _) = await client.SendAsync(new HttpMethod(route.Method), sample.Path + SampleRequests.QueryFor(route), sample.Body);
                var expected = Expected(callerName, route, target);
                var ok = expected is null
                    ? (int)status < 500 && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                        && (status != HttpStatusCode.NotFound || ReachedTheAccount(body))
                    : status == expected;
                if (!ok)
                {
                    failures.Add($"{route} on {target.AgencyId}'s account: expected {(expected is null ? "authorized" : ((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture))}, got {(int)status} {body?.ToJsonString()}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{callerName}:\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// The client's own acts, which a client reviewer's key may do on its account: answer for its posts, read its
    /// reports, hand over what was asked of it and answer the agency's advice. Written out here, as the role table
    /// of docs/api.md states them, not read from the server.
    /// </summary>
    private static readonly string[] ClientActs =
    [
        "POST /accounts/{accountId}/posts/{postId}/client-approve",
        "POST /accounts/{accountId}/posts/{postId}/reject",
        "POST /accounts/{accountId}/reports/{reportId}/acknowledge",
        "POST /accounts/{accountId}/content-requests/{requestId}/deliver",
        "POST /accounts/{accountId}/recommendations/{recommendationId}/answer",
    ];

    [Fact]
    public void A_client_reviewer_may_read_its_account_and_do_the_clients_acts_and_nothing_more()
    {
        var routes = RouteTable.Of(world.Host);
        var allowed = routes.Where(r => AccessPolicy.Allows("ClientReviewer", r.Permission!.Value)).ToList();

        Assert.All(allowed.Where(r => r.Method == "GET"), r => Assert.True(r.HasAccount || r.Pattern == "/agency/escalations", $"{r} is not a read of an account."));
        Assert.Equal(ClientActs.Order(StringComparer.Ordinal), allowed.Where(r => r.Method != "GET").Select(r => r.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_readmes_role_table_names_each_of_the_clients_acts_for_the_client_reviewer()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PublishingCluster.sln")))
        {
            folder = folder.Parent;
        }

        var readme = File.ReadAllLines(Path.Combine(folder!.FullName, "docs", "api.md"));
        var row = Assert.Single(readme, line => line.StartsWith("| client reviewer |", StringComparison.Ordinal));

        Assert.All(ClientActs, act => Assert.Contains($"`{act.Split('/')[^1]}`", row, StringComparison.Ordinal));
    }

    /// <summary>
    /// A 404 an authorized caller may get: the account answered that the report, engagement or escalation in the path
    /// does not exist (the samples name none, the fixtures' accounts having none). A 404 for the account is never one.
    /// </summary>
    private static bool ReachedTheAccount(System.Text.Json.Nodes.JsonNode? body) =>
        body?["code"]?.GetValue<string>() is "report.not-found" or "engagement.not-found" or "escalation.not-found"
            or "content-request.not-found" or "recommendation.not-found";

    /// <summary>What each role may do, as the product defines the roles (written out here, not read from the server).</summary>
    private static readonly Dictionary<string, Permission[]> RolePermissions = new()
    {
        ["Operator"] = [Permission.Operate, Permission.ReadAccount],
        ["AgencyAdmin"] = [Permission.OpenAccount, Permission.ReadAccount, Permission.EditContract, Permission.EditContent, Permission.ReviewContent, Permission.AdministerAgency],
        ["AccountManager"] = [Permission.ReadAccount, Permission.EditContent, Permission.ReviewContent],
        ["ClientReviewer"] = [Permission.ReadAccount, Permission.ReviewContent],
    };

    /// <summary>The status a cell must have, or null where the caller is authorized (then anything but 401/403/404/5xx).</summary>
    private static HttpStatusCode? Expected(string caller, RouteInfo route, AccountFixture target)
    {
        if (caller is "anonymous" or "bad-key")
        {
            return HttpStatusCode.Unauthorized;
        }

        var role = caller switch
        {
            "operator" => "Operator",
            "agency-admin" => "AgencyAdmin",
            "account-manager" => "AccountManager",
            _ => "ClientReviewer",
        };
        var ownAgency = target.AgencyId == TenantWorld.AgencyA;
        var seesByKey = role is "Operator" or "AgencyAdmin" || ownAgency; // managers and reviewers hold A1 only
        if (route.HasAccount && !seesByKey)
        {
            return HttpStatusCode.NotFound;
        }

        if (!RolePermissions[role].Contains(route.Permission!.Value))
        {
            return HttpStatusCode.Forbidden;
        }

        return route.HasAccount && role != "Operator" && !ownAgency ? HttpStatusCode.NotFound : null;
    }
}
