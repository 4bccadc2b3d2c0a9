using System.Net;
using System.Net.Http.Json;
using PublishingCluster.Actors.Notifications;
using PublishingCluster.Actors.Telemetry;

namespace PublishingCluster.Server.Notifications;

/// <summary>
/// POSTs each notification as JSON to the configured URL, with the notification's id as its Idempotency-Key
/// header so the receiver can drop a repeat. A 2xx answer is a delivery; anything else (or no answer) is a
/// failure the dispatcher retries, honouring a 429's or 503's Retry-After. Each failure counts in the node's
/// <c>publishingcluster.webhook.deliveries.failed</c>.
/// </summary>
public sealed class WebhookNotifier(HttpClient http, Uri url, PublishingMetrics? metrics = null) : INotifier
{
    private readonly PublishingMetrics _metrics = metrics ?? PublishingMetrics.None;

    public async Task<NotifyOutcome> NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(notification) };
        request.Headers.Add("Idempotency-Key", notification.Id);
        HttpResponseMessage answer;
        try
        {
            answer = await http.SendAsync(request, cancellationToken);
        }
        catch
        {
            // No answer (refused, timed out): the dispatcher tries again later.
            _metrics.WebhookDeliveryFailed();
            throw;
        }

        using var response = answer;
        if (response.IsSuccessStatusCode)
        {
            return new NotifyOutcome.Delivered();
        }

        _metrics.WebhookDeliveryFailed();
        var retryAfter = response.Headers.RetryAfter?.Delta;
        return new NotifyOutcome.Failed($"The webhook answered {(int)response.StatusCode} {response.StatusCode}.",
            response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable ? retryAfter : null);
    }
}
