namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>
/// The business outcome of a rehearsal as the server reports it through its API at the end (not the rehearsal's own
/// counts): variants due in the run by delivery, engagements and answers, escalations by cause, reports and their
/// acknowledgements, the partnership's contacts, requests and recommendations, and the same per client behaviour.
/// </summary>
public sealed record RehearsalResult(
    int Accounts,
    int AccountsUnread,
    int VariantsDue,
    SortedDictionary<string, int> VariantsByDelivery,
    SortedDictionary<string, int> PostsByStatus,
    int EngagementsReceived,
    int EngagementsAnswered,
    int EscalationsRaised,
    SortedDictionary<string, int> EscalationsByCause,
    int EscalationsAcknowledged,
    int ReportsDelivered,
    int ReportsAcknowledged,
    int Contacts,
    int ContentRequests,
    int ContentDelivered,
    int Recommendations,
    int RecommendationsAccepted,
    SortedDictionary<string, RehearsalBehaviourLine> Behaviours);

/// <summary>One client behaviour's accounts as the server reports them.</summary>
public sealed record RehearsalBehaviourLine(int Accounts, int VariantsPublished, int ReportsAcknowledged, int ReportsDelivered, int Contacts, int ContactsAbovePolicy, int Escalations);
