using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Publishing;
using PublishingCluster.Domain.Reporting;

namespace PublishingCluster.Actors.Accounts;

/// <summary>
/// What an account last told its posting partition about when it is next due, and whether it must tell again. The
/// partition hears a due time when it changed, and when it asked for it or woke the account, whether it changed or not.
/// </summary>
internal sealed class NextDueReport
{
    private DateTimeOffset? _told;
    private bool _asked;

    /// <summary>
    /// One due time for all the account's timed work (a variant to publish, a reporting period to close, an
    /// engagement's deadline or an escalation's climb, a look-up of an overdue answer): the partition wakes it for any.
    /// </summary>
    public static DateTimeOffset? Of(AccountState state, DateTimeOffset? nextOverdueCheck) => Earliest(
        Earliest(PublishingSchedule.NextDue(state), ReportingDecisions.NextClose(state)),
        Earliest(EscalationDecisions.NextDue(state), nextOverdueCheck));

    /// <summary>The partition asked for the due time, or woke the account: the next one is told even if unchanged.</summary>
    public void Ask() => _asked = true;

    /// <summary>Whether <paramref name="due"/> is to be told; if so it counts as told.</summary>
    public bool MustTell(DateTimeOffset? due)
    {
        if (due == _told && !_asked)
        {
            return false;
        }

        _told = due;
        _asked = false;
        return true;
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
