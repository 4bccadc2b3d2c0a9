using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

public sealed class HealthAndDocumentationTests(SharedServer server) : IClassFixture<SharedServer>
{
    [Fact]
    public async Task A_started_node_is_live_and_ready()
    {
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_account_route()
    {
        var document = await server.Client.GetJsonAsync("/openapi/v1.json");
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToHashSet();

        foreach (var path in new[]
                 {
                     "/accounts", "/accounts/{accountId}", "/accounts/{accountId}/contract", "/accounts/{accountId}/channels",
                     "/accounts/{accountId}/channels/{channelId}/queue", "/accounts/{accountId}/posts", "/accounts/{accountId}/posts/{postId}",
                     "/accounts/{accountId}/posts/{postId}/submit", "/accounts/{accountId}/posts/{postId}/approve",
                     "/accounts/{accountId}/posts/{postId}/client-approve", "/accounts/{accountId}/posts/{postId}/reject",
                     "/accounts/{accountId}/posts/{postId}/schedule", "/accounts/{accountId}/posts/{postId}/reschedule",
                     "/accounts/{accountId}/posts/{postId}/cancel", "/accounts/{accountId}/calendar",
                 })
        {
            Assert.Contains(path, paths);
        }

        Assert.NotNull(document["paths"]!["/accounts"]!["post"]!["requestBody"]);
    }

    [Fact]
    public async Task The_openapi_document_declares_the_bearer_key_and_requires_it_on_every_route_that_takes_one()
    {
        var document = await server.Host.Client.GetJsonAsync("/openapi/v1.json");

        var scheme = document["components"]?["securitySchemes"]?["Bearer"];
        Assert.True(scheme is not null, $"No Bearer security scheme: {document["components"]?["securitySchemes"]?.ToJsonString()}");
        Assert.Equal("http", scheme["type"]!.GetValue<string>());
        Assert.Equal("bearer", scheme["scheme"]!.GetValue<string>());

        // Every route of the server's own table that takes a key is in the document and requires the scheme.
        var keyed = RouteTable.Of(server.Host);
        Assert.NotEmpty(keyed);
        foreach (var route in keyed)
        {
            var operation = document["paths"]?[route.Pattern]?[route.Method.ToLowerInvariant()];
            Assert.True(operation is not null, $"{route} is not in the document.");
            Assert.True(RequiresBearer(operation), $"{route} does not require the Bearer scheme: {operation["security"]?.ToJsonString()}");
        }

        // The public routes are in the document too, requiring nothing; and no operation is left without a say.
        var anonymous = new[] { ("get", "/health/live"), ("get", "/health/ready"), ("get", "/openapi/v1.json") };
        foreach (var (method, path) in anonymous)
        {
            var security = document["paths"]?[path]?[method]?["security"];
            Assert.True(security is JsonArray { Count: 0 }, $"{method} {path} should declare an empty security requirement: {security?.ToJsonString() ?? "none"}");
        }

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var isPublic = anonymous.Contains((method, path));
                Assert.True(isPublic || RequiresBearer(operation!), $"{method} {path} neither requires the Bearer scheme nor is public.");
            }
        }
    }

    [Fact]
    public async Task The_api_reference_is_served_by_the_node_from_the_openapi_document()
    {
        var page = await server.Host.Client.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var pageUri = page.RequestMessage!.RequestUri!;
        Assert.Equal("/scalar/", pageUri.AbsolutePath);
        var html = await page.Content.ReadAsStringAsync();

        // The page's source is the node's OpenAPI document, named relative to the site's root (the page is at /scalar/).
        var source = Regex.Match(html, "\"sources\":\\[\\{[^}]*\"url\":\"([^\"]+)\"");
        Assert.True(source.Success, $"No document source in the page: {html}");
        Assert.Equal("openapi/v1.json", source.Groups[1].Value);
        var document = await server.Host.Client.GetJsonAsync(new Uri(new Uri(pageUri, "/"), source.Groups[1].Value).AbsolutePath);
        Assert.StartsWith("3.1", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);

        // Nothing is fetched from elsewhere: its scripts come from the node, which serves them, and the web fonts
        // and telemetry that would reach out are off.
        var scripts = Regex.Matches(html, "<script[^>]*\\ssrc=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.DoesNotContain(scripts, src => src.Contains("//", StringComparison.Ordinal));
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
        Assert.Contains("\"telemetry\":false", html, StringComparison.Ordinal);
        foreach (var src in scripts)
        {
            // Resolved as a browser would, against the page's own address.
            var script = await server.Host.Client.GetAsync(new Uri(pageUri, src));
            Assert.True(script.StatusCode == HttpStatusCode.OK, $"{src} answered {(int)script.StatusCode}");
            Assert.Contains("javascript", script.Content.Headers.ContentType?.MediaType ?? string.Empty, StringComparison.Ordinal);
        }
    }

    private static bool RequiresBearer(JsonNode operation) =>
        operation["security"] is JsonArray requirements && requirements.Any(r => r is JsonObject o && o.ContainsKey("Bearer"));
}
