using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Reporting;
using PublishingCluster.Simulation.Agency;
using PublishingCluster.Simulation.Clients;

namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>
/// One account as the rehearsal plays it: its blueprint and client (named by the blueprint's id, so the same
/// scenario and seed play the same client whatever ids the server gives), the server's ids for the account and
/// its channels, what was drafted and seen published, and what the agency measured.
/// </summary>
public sealed class RehearsalAccount(AccountBlueprint blueprint, SimulatedClient client) : IAgencyAccount
{
    public AccountBlueprint Blueprint { get; } = blueprint;

    public SimulatedClient Client { get; } = client;

    public ResponseSla Sla { get; } = blueprint.Contract().ResponseSla;

    /// <summary>The account's id on the server (set once it is opened).</summary>
    public string ServerId { get; set; } = string.Empty;

    string IAgencyAccount.Id => ServerId;

    /// <summary>The server's channel ids, by the blueprint's channel index.</summary>
    public List<string> ChannelIds { get; } = [];

    /// <summary>Posts scheduled and not yet settled (published, failed or given up), by the server's post id.</summary>
    public Dictionary<string, DraftedPost> Open { get; } = new(StringComparer.Ordinal);

    public List<string> PostIds { get; } = [];

    public HashSet<string> ReportsSeen { get; } = new(StringComparer.Ordinal);

    public List<GoalMeasurement> Measurements { get; } = [];

    public int ChannelIndexOf(string serverChannelId) => ChannelIds.IndexOf(serverChannelId);
}

/// <summary>A post the agency drafted: the server's id, the variants' texts and media by server channel id, and when each variant is due.</summary>
public sealed class DraftedPost(string postId, IReadOnlyDictionary<string, (string Text, IReadOnlyList<string> Media)> variants)
{
    public string PostId { get; } = postId;

    public IReadOnlyDictionary<string, (string Text, IReadOnlyList<string> Media)> Variants { get; } = variants;

    public Dictionary<string, DateTimeOffset> DueAt { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Settled { get; } = new(StringComparer.Ordinal);
}
