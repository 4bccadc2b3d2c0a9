using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Engagement;

namespace PublishingCluster.Simulation.Agency;

/// <summary>
/// The agency's community desk: every engagement delivered waits here, most urgent first (by response deadline),
/// and the staff answer as many as their capacity allows per step, each in the business hours of its account's
/// contract. An answered engagement is closed.
/// </summary>
public sealed class EngagementDesk(double responsesPerHour)
{
    private readonly SortedSet<Waiting> _inbox = new(Comparer<Waiting>.Create((a, b) =>
        a.RespondBy != b.RespondBy ? a.RespondBy.CompareTo(b.RespondBy)
        : string.CompareOrdinal(a.AccountId, b.AccountId) != 0 ? string.CompareOrdinal(a.AccountId, b.AccountId)
        : string.CompareOrdinal(a.EngagementId, b.EngagementId)));

    private double _capacity;

    public int WaitingCount => _inbox.Count;

    public void Receive(string accountId, string engagementId, ResponseSla sla, Sentiment sentiment, DateTimeOffset receivedAt) =>
        _inbox.Add(new Waiting(accountId, engagementId, ResponseDeadline.For(sla, sentiment, receivedAt), sla.BusinessHours));

    /// <summary>The answers (and closes) the staff get through in a step of <paramref name="step"/> ending now.</summary>
    public IReadOnlyList<IAccountCommand> Work(DateTimeOffset now, TimeSpan step)
    {
        _capacity = Math.Min(_capacity + (responsesPerHour * step.TotalHours), Math.Max(1, responsesPerHour * step.TotalHours));
        var open = new Dictionary<string, bool>(StringComparer.Ordinal);
        var answered = new List<Waiting>();
        foreach (var waiting in _inbox)
        {
            if (_capacity < 1)
            {
                break;
            }

            // All contracts here share the hours and differ by time zone: look each zone up once per step.
            var zone = waiting.Hours.TimeZone;
            if (!open.TryGetValue(zone, out var isOpen))
            {
                open[zone] = isOpen = BusinessTime.IsOpen(waiting.Hours, now);
            }

            if (isOpen)
            {
                answered.Add(waiting);
                _capacity--;
            }
        }

        var commands = new List<IAccountCommand>(answered.Count * 2);
        foreach (var waiting in answered)
        {
            _inbox.Remove(waiting);
            commands.Add(new RespondToEngagement(waiting.AccountId, waiting.EngagementId, AccountBlueprint.AccountManager, "Thank you for writing to us; we are on it and will get back to you."));
            commands.Add(new CloseEngagement(waiting.AccountId, waiting.EngagementId, AccountBlueprint.AccountManager));
        }

        return commands;
    }

    private sealed record Waiting(string AccountId, string EngagementId, DateTimeOffset RespondBy, BusinessHours Hours);
}
