using System.Collections.Immutable;
using PublishingCluster.Channels.Simulated;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Agency;

/// <summary>
/// How the agency sets up account number <see cref="Index"/>: its contract (the scope's posts per week on each of
/// its networks, a weekday SLA in the client's time zone, a followers goal for the end of the run) and its channels,
/// each with queue slots where the agency's slot policy puts them.
/// </summary>
public sealed record AccountBlueprint(Scenario Scenario, int Index)
{
    public const string GoalId = "followers";
    public const string AccountManager = "account-manager";
    public const string AgencyLead = "agency-lead";
    public const string ClientContact = "client-contact";

    public string AccountId => $"acc-{Index:D6}";

    public string TimeZone => Scenario.TimeZones[Index % Scenario.TimeZones.Count];

    public IReadOnlyList<Network> Networks => [.. Enumerable.Range(0, Scenario.ChannelsPerAccount).Select(c => Scenario.Networks[(Index + c) % Scenario.Networks.Count])];

    public string ChannelIdOf(int channel) => $"ch-{channel}";

    public string HandleOf(int channel) => $"client{Index:D6}-{Networks[channel].ToString().ToLowerInvariant()}";

    /// <summary>The followers every channel starts with: the scenario's figure, give or take a half, per channel.</summary>
    public double InitialFollowersOf(int channel) =>
        Scenario.Audience.InitialFollowers * (0.5 + StableChance.Of(Scenario.Seed, "followers", AccountId, channel));

    public decimal GoalTarget => Math.Ceiling((decimal)(Enumerable.Range(0, Networks.Count).Sum(InitialFollowersOf) * (1 + (Scenario.GoalGrowth * Scenario.Days / 30.0))));

    public DateOnly GoalDeadline => DateOnly.FromDateTime(TimeZones.ToLocal(Scenario.End.AddSeconds(-1), TimeZones.Find(TimeZone)));

    public Contract Contract() => new(
        [.. Networks.Select(n => new ChannelScope(n, Scenario.PostsPerWeek))],
        new Roles(AccountManager, ClientContact, AgencyLead),
        new Budget(1500, "EUR", 12, 0),
        Scenario.ReportingCadence,
        new ResponseSla(120, 60, new BusinessHours(TimeZone, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new TimeOnly(9, 0), new TimeOnly(17, 0))),
        new ContactPolicy(ContactMedium.Email, 2),
        [new Goal(GoalId, GoalMetric.Followers, GoalTarget, GoalDeadline, [.. ReviewPoints()])]);

    public IEnumerable<IAccountCommand> Opening()
    {
        yield return new OpenAccount(AccountId, "agency-sim", $"Client {Index}", Contract());
        for (var c = 0; c < Networks.Count; c++)
        {
            yield return new ConnectChannel(AccountId, ChannelIdOf(c), Networks[c], HandleOf(c), TimeZone, [], Slots(Networks[c]));
        }
    }

    /// <summary>
    /// The channel's weekly slots, one per post the scope promises: on days spread over the week, at the network's
    /// best hours, its worst, or hours spread over the working day, as the agency's policy says.
    /// </summary>
    public ImmutableList<QueueSlot> Slots(Network network)
    {
        var perWeek = Scenario.PostsPerWeek;
        var hours = BestTimes.HoursBestFirst(network);
        var slots = new List<QueueSlot>();
        for (var i = 0; i < perWeek; i++)
        {
            var day = (DayOfWeek)((1 + (i * 7 / perWeek)) % 7);
            var hour = Scenario.Agency.SlotPolicy switch
            {
                SlotPolicy.Best => hours[i % 2],
                SlotPolicy.Worst => hours[^(1 + (i % 2))],
                _ => 8 + ((Index + (i * 5)) % 12),
            };
            var slot = new QueueSlot(day, new TimeOnly(hour, 0));
            if (!slots.Contains(slot))
            {
                slots.Add(slot);
            }
            else
            {
                slots.Add(slot with { Time = new TimeOnly((hour + 1) % 24, 0) });
            }
        }

        return [.. slots];
    }

    private IEnumerable<DateOnly> ReviewPoints()
    {
        var start = DateOnly.FromDateTime(Scenario.Start.UtcDateTime);
        for (var day = 7; day < Scenario.Days; day += 7)
        {
            yield return start.AddDays(day);
        }
    }
}
