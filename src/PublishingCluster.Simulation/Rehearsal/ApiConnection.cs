using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublishingCluster.Actors.Serialization;

namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>
/// The rehearsal's side of the server's public HTTP API: JSON in the server's own shapes (the domain's records,
/// camelCase, enums by name), each request timed and counted under its kind in the <see cref="LoadMeter"/>. A
/// request that gets no answer (refused connection, time-out) is counted as unanswered, never thrown, so one lost
/// request does not end a rehearsal; only the caller's cancellation ends it.
/// </summary>
public sealed class ApiConnection(HttpClient http, LoadMeter meter) : IDisposable
{
    public LoadMeter Meter => meter;

    public Uri BaseAddress => http.BaseAddress!;

    public async Task<ApiAnswer> SendAsync(string kind, HttpMethod method, string path, string? token, object? body = null, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, DomainJson.Options), Encoding.UTF8, "application/json");
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            meter.Record(kind, Stopwatch.GetElapsedTime(started), (int)response.StatusCode);
            return new ApiAnswer((int)response.StatusCode, Parse(text), null);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            meter.Record(kind, Stopwatch.GetElapsedTime(started), null);
            return new ApiAnswer(null, null, e.InnerException?.Message ?? e.Message);
        }
    }

    public Task<ApiAnswer> GetAsync(string kind, string path, string? token, CancellationToken cancellationToken) =>
        SendAsync(kind, HttpMethod.Get, path, token, cancellationToken: cancellationToken);

    public Task<ApiAnswer> PostAsync(string kind, string path, string? token, object? body, CancellationToken cancellationToken, string? idempotencyKey = null) =>
        SendAsync(kind, HttpMethod.Post, path, token, body, idempotencyKey, cancellationToken);

    public void Dispose() => http.Dispose();

    private static JsonNode? Parse(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>What the server answered: its status (null: no answer, see <see cref="Error"/>) and its JSON body.</summary>
public sealed record ApiAnswer(int? Status, JsonNode? Body, string? Error)
{
    public bool Ok => Status is >= 200 and < 300;

    /// <summary>A problem's detail, or the connection error, for a message.</summary>
    public string Reason => Status is null ? Error ?? "no answer" : $"{Status}: {Body?["detail"]?.GetValue<string>() ?? Body?["title"]?.GetValue<string>() ?? "no detail"}";
}
