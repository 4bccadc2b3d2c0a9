using PublishingCluster.Channels.Simulated;

namespace PublishingCluster.Simulation.Clients;

/// <summary>
/// One client of the agency, acting by its behaviour. Whether and when it acts on something is a stable chance of
/// the seed, the account and the thing (a post, a report), so the same scenario plays the same client.
/// </summary>
public sealed class SimulatedClient(string accountId, ClientBehaviour behaviour, int seed)
{
    private readonly ClientProfile _profile = ClientProfile.For(behaviour);

    public string AccountId { get; } = accountId;

    public ClientBehaviour Behaviour { get; } = behaviour;

    /// <summary>When the client approves the post it was sent at <paramref name="sent"/>; null: never.</summary>
    public DateTimeOffset? ApprovesPost(string postId, DateTimeOffset sent) => When(_profile.Approval, "approve", postId, sent);

    /// <summary>When the client reads (acknowledges) the report issued at <paramref name="issued"/>; null: never.</summary>
    public DateTimeOffset? ReadsReport(string reportId, DateTimeOffset issued) => When(_profile.ReportReading, "read", reportId, issued);

    /// <summary>When the client delivers the content asked for at <paramref name="asked"/>; null: never.</summary>
    public DateTimeOffset? DeliversContent(string requestId, DateTimeOffset asked) => When(_profile.ContentDelivery, "content", requestId, asked);

    /// <summary>When the client accepts the recommendation made at <paramref name="made"/>; null: it ignores it.</summary>
    public DateTimeOffset? AcceptsRecommendation(string recommendationId, DateTimeOffset made) => When(_profile.Recommendation, "advice", recommendationId, made);

    private DateTimeOffset? When(Reaction reaction, string purpose, string subject, DateTimeOffset from)
    {
        var key = $"{AccountId}/{subject}";
        if (StableChance.Of(seed, $"client/{purpose}", key, 0) >= reaction.Chance)
        {
            return null;
        }

        var hours = reaction.MinHours + (StableChance.Of(seed, $"client/{purpose}-delay", key, 0) * (reaction.MaxHours - reaction.MinHours));
        return from.AddMinutes(Math.Round(hours * 60));
    }
}
