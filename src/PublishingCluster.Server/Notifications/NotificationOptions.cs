namespace PublishingCluster.Server.Notifications;

/// <summary>Where escalation notifications go: a webhook when <see cref="WebhookUrl"/> is set, else the log.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>An absolute http(s) URL to POST each notification to; empty: write them to the log.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>How often the dispatcher looks for new escalations to notify about.</summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>The first wait after a failed delivery; it doubles per failure up to five minutes.</summary>
    public int FirstRetryMilliseconds { get; set; } = 1000;

    public Uri? WebhookUri()
    {
        if (string.IsNullOrWhiteSpace(WebhookUrl))
        {
            return null;
        }

        return Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"--webhook-url '{WebhookUrl}' is not an absolute http(s) URL.");
    }
}
