using Akka.Configuration;
using PublishingCluster.Actors.Hosting;

namespace PublishingCluster.Actors.Tests.Support;

/// <summary>
/// The actor system of a spec: the node's in-memory journal and snapshot store (<see cref="NodeJournal.InMemory"/>,
/// which the simulator's default journal is too), and only the log lines a spec should see.
/// </summary>
public static class ActorSpecConfig
{
    public static Config InMemory(string logLevel = "WARNING") =>
        ConfigurationFactory.ParseString($"akka.loglevel = {logLevel}").WithFallback(NodeJournal.InMemory);
}
