using PublishingCluster.Actors.Notifications;

namespace PublishingCluster.Server.Notifications;

/// <summary>Writes each notification to the server's log at Warning: the default when no webhook is configured.</summary>
public sealed partial class LogNotifier(ILogger<LogNotifier> log) : INotifier
{
    public Task<NotifyOutcome> NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        Notify(log, notification.Id, notification.AgencyId, notification.AccountId, notification.Kind, notification.Message);
        return Task.FromResult<NotifyOutcome>(new NotifyOutcome.Delivered());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id} for agency {AgencyId}, account {AccountId}: {Kind}: {Message}")]
    private static partial void Notify(ILogger logger, string id, string agencyId, string accountId, string kind, string message);
}
