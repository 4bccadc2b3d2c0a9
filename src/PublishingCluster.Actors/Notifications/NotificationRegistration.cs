using Akka.Cluster.Hosting;
using Akka.Hosting;

namespace PublishingCluster.Actors.Notifications;

/// <summary>Registry key of the cluster's notification dispatcher (a singleton).</summary>
public sealed class NotificationDispatcher;

/// <summary>How a cluster sends its notifications.</summary>
public static class NotificationRegistration
{
    /// <summary>
    /// One dispatcher in the cluster, so a notification goes out once however many nodes run. The source and the
    /// notifier are made when the singleton starts, on whichever node it starts.
    /// </summary>
    /// <param name="name">The singleton's name, which is also its persistence id.</param>
    public static AkkaConfigurationBuilder AddNotificationDispatcher(
        this AkkaConfigurationBuilder builder,
        string name,
        Func<INotificationSource> source,
        Func<INotifier> notifier,
        Func<StoredFact, Notification?> toNotification,
        DispatchSettings settings) =>
        builder.WithSingleton<NotificationDispatcher>(
            "notification-dispatcher",
            (_, _, _) => NotificationDispatcherActor.PropsFor(name, source(), notifier(), toNotification, settings),
            new ClusterSingletonOptions());
}
