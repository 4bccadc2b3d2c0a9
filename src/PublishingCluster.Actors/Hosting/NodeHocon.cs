using Akka.Configuration;
using Akka.Hosting;

namespace PublishingCluster.Actors.Hosting;

/// <summary>
/// The Akka configuration every node reads from the hocon/ folder: akka.hocon, then the persistence file of its
/// journal (persistence.&lt;provider&gt;.hocon). The server and the simulator read the same files through here, so
/// a journal setting changed in hocon/ reaches both.
/// </summary>
public static class NodeHocon
{
    public const string AkkaFile = "akka.hocon";

    /// <summary>The hocon/ folder beside the executable, where the build copies the repository's hocon/.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "hocon");

    /// <summary>The persistence file of a provider ("sqlite", "postgres").</summary>
    public static string PersistenceFile(string provider) => $"persistence.{provider}.hocon";

    /// <summary>
    /// akka.hocon refined by the persistence file of <paramref name="provider"/> (none: akka.hocon alone, for a
    /// journal in memory).
    /// </summary>
    public static Config Load(string folder, string? provider)
    {
        var config = Read(folder, AkkaFile, "every node");
        // The persistence file refines akka.hocon.
        return provider is null ? config : Persistence(folder, provider).WithFallback(config);
    }

    /// <summary>The persistence file of <paramref name="provider"/> alone: the journal's tuning.</summary>
    public static Config Persistence(string folder, string provider) =>
        Read(folder, PersistenceFile(provider), $"the provider '{provider}'");

    private static Config Read(string folder, string file, string neededBy)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"HOCON file {path} is missing; {neededBy} needs it (set --hocon to the hocon/ folder).");
        }

        return ConfigurationFactory.ParseString(File.ReadAllText(path));
    }

    /// <summary>Puts the files in front of whatever the builder's other steps add (see <see cref="Load"/>).</summary>
    public static AkkaConfigurationBuilder AddNodeHocon(this AkkaConfigurationBuilder builder, string folder, string? provider) =>
        builder.AddHocon(Load(folder, provider), HoconAddMode.Prepend);
}
