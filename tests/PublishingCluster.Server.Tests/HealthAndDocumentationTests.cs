using System.Net;
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
}
