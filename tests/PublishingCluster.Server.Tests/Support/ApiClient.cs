using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PublishingCluster.Server.Tests.Support;

/// <summary>The test's side of the API: JSON in, JSON out, and the requests a walk-through makes.</summary>
public static class ApiClient
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(
        this HttpClient client, HttpMethod method, string path, string? json = null, string? idempotencyKey = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? null : JsonNode.Parse(text);
        return (response.StatusCode, body, response);
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PostJsonAsync(this HttpClient client, string path, object? body, string? idempotencyKey = null) =>
        client.SendAsync(HttpMethod.Post, path, body is null ? null : body as string ?? JsonSerializer.Serialize(body), idempotencyKey);

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string path)
    {
        var (status, body, _) = await client.SendAsync(HttpMethod.Get, path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path} answered {(int)status}: {body?.ToJsonString()}");
        return body!;
    }

    /// <summary>Asserts a 2xx answer and returns its body.</summary>
    public static JsonNode Ok(this (HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response) result)
    {
        Assert.True((int)result.Status is >= 200 and < 300, $"Expected success, got {(int)result.Status}: {result.Body?.ToJsonString()}");
        return result.Body!;
    }

    /// <summary>Asserts an RFC 7807 problem with this status, code and field.</summary>
    public static JsonNode Problem(this (HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response) result, HttpStatusCode status, string? code = null, string? field = null)
    {
        Assert.True(result.Status == status, $"Expected {(int)status}, got {(int)result.Status}: {result.Body?.ToJsonString()}");
        Assert.Equal("application/problem+json", result.Response.Content.Headers.ContentType?.MediaType);
        var body = result.Body!;
        Assert.Equal((int)status, body["status"]!.GetValue<int>());
        if (code is not null)
        {
            Assert.Equal(code, body["code"]?.GetValue<string>());
        }

        if (field is not null)
        {
            Assert.Equal(field, body["field"]?.GetValue<string>());
        }

        return body;
    }
}
