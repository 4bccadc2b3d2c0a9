using PublishingCluster.Channels.Simulated;
using PublishingCluster.Domain.Contracts;

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

    /// <summary>
    /// Whether and how the client contacts the agency on <paramref name="day"/> (UTC): when, and by email or phone;
    /// null: not that day. The hour is the client's own, between 09:00 and 16:00 UTC.
    /// </summary>
    public (DateTimeOffset At, ContactMedium Medium)? ContactsOn(DateOnly day)
    {
        var key = $"{AccountId}/{day:yyyy-MM-dd}";
        if (!_profile.Contacts.Days.Contains(day.DayOfWeek) || StableChance.Of(seed, "client/contact", key, 0) >= _profile.Contacts.Chance)
        {
            return null;
        }

        var hour = 9 + (int)(StableChance.Of(seed, "client/contact-hour", AccountId, 0) * 8);
        var medium = StableChance.Of(seed, "client/contact-medium", key, 0) < 0.3 ? ContactMedium.Phone : ContactMedium.Email;
        return (new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero), medium);
    }

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
