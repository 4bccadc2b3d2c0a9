namespace PublishingCluster.Simulation.Clients;

/// <summary>
/// How a behaviour acts on each thing asked of it: the chance it acts at all, and the range of its delay in hours
/// (a delay is drawn uniformly in the range), and how often it contacts the agency of its own accord.
/// </summary>
public sealed record ClientProfile(Reaction Approval, Reaction ReportReading, Reaction ContentDelivery, Reaction Recommendation, ContactHabit Contacts)
{
    public static ClientProfile For(ClientBehaviour behaviour) => behaviour switch
    {
        // Contacts on Monday and Thursday at one hour keep any seven days at two, the contract's policy.
        ClientBehaviour.Responsive => new(new(0.97, 1, 8), new(0.95, 2, 30), new(0.95, 4, 48), new(0.8, 4, 72), new([DayOfWeek.Monday, DayOfWeek.Thursday], 0.7)),
        ClientBehaviour.Slow => new(new(0.9, 24, 150), new(0.85, 72, 240), new(0.85, 72, 200), new(0.6, 72, 300), new([DayOfWeek.Wednesday], 0.3)),
        ClientBehaviour.OutsourceAndForget => new(new(0.25, 48, 200), new(0, 0, 0), new(0.15, 120, 300), new(0.05, 200, 400), new([DayOfWeek.Tuesday], 0.1)),
        // Calls when something does not suit it, up to four days a week: some weeks above the policy's two.
        ClientBehaviour.CherryPicker => new(new(0.65, 2, 24), new(0.5, 24, 120), new(0.6, 12, 96), new(0.5, 12, 96), new([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Friday], 0.6)),
        _ => throw new ArgumentOutOfRangeException(nameof(behaviour), behaviour, null),
    };
}

/// <summary>Acts with chance <see cref="Chance"/>, after <see cref="MinHours"/> to <see cref="MaxHours"/>.</summary>
public sealed record Reaction(double Chance, double MinHours, double MaxHours);
