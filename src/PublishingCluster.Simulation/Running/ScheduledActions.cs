using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Simulation.Running;

/// <summary>
/// Commands the simulated clients will send later (an approval in two days, a report read next week), in the order
/// they fall due; ties keep the order they were planned in, so a run replays them identically.
/// </summary>
public sealed class ScheduledActions
{
    private readonly SortedSet<(DateTimeOffset At, long Sequence, IAccountCommand Command)> _planned = new(
        Comparer<(DateTimeOffset At, long Sequence, IAccountCommand Command)>.Create((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Sequence.CompareTo(b.Sequence)));

    private long _sequence;

    public int Count => _planned.Count;

    public void Plan(DateTimeOffset at, IAccountCommand command) => _planned.Add((at, _sequence++, command));

    public List<IAccountCommand> TakeDue(DateTimeOffset now)
    {
        var due = new List<IAccountCommand>();
        while (_planned.Count > 0 && _planned.Min.At <= now)
        {
            due.Add(_planned.Min.Command);
            _planned.Remove(_planned.Min);
        }

        return due;
    }
}
