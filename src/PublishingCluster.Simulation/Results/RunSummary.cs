namespace PublishingCluster.Simulation.Results;

/// <summary>
/// What a run came to, as written to summary.json: built from the accounts' state in account-id order, with every
/// map sorted and every ratio rounded, so the same seed and scenario give the same bytes. Nothing here depends on
/// the wall clock (what the run cost is reported beside it, not in it).
/// </summary>
public sealed record RunSummary(
    ScenarioLine Scenario,
    PostsLine Posts,
    NetworkLine Network,
    EngagementLine Engagements,
    EscalationLine Escalations,
    ReportLine Reports,
    SortedDictionary<string, BehaviourLine> Behaviours,
    AudienceLine Audience,
    SortedDictionary<string, int> RefusedCommands,
    List<DayLine> Daily,
    List<WeekLine> Weekly,
    PartnershipLine PartnershipHealth);

public sealed record ScenarioLine(string Name, int Seed, string Start, int Days, int Accounts, int ChannelsPerAccount, int PostsPerWeek, int StepMinutes, SortedDictionary<string, int> ClientsByBehaviour);

/// <summary>Variants (a post on one channel) due in the run: planned, and how they ended.</summary>
public sealed record PostsLine(
    int Planned,
    int Published,
    int Late,
    double LatenessP50Minutes,
    double LatenessP90Minutes,
    double LatenessMaxMinutes,
    int Failed,
    SortedDictionary<string, int> FailedByReason,
    int Expired,
    int Cancelled,
    int StillOpen,
    int Retries,
    SortedDictionary<string, int> LastRetryReason);

/// <summary>What the networks saw: posts on them, publishes of a key already published (must be 0), and variants recorded published but not on a network, or on a network but not recorded (both must be 0).</summary>
public sealed record NetworkLine(int Publications, long DuplicateSends, int RecordedButMissing, int OnNetworkButNotRecorded);

public sealed record EngagementLine(int Received, int Negative, int Answered, int AnsweredWithinSla, double WithinSlaShare, double FirstResponseP50Minutes, double FirstResponseP90Minutes);

public sealed record EscalationLine(int Raised, SortedDictionary<string, int> ByCause, SortedDictionary<string, int> ByLevel, int Acknowledged, int Resolved, int OpenAtEnd);

public sealed record ReportLine(int Delivered, int Acknowledged, double AcknowledgedShare);

/// <summary>One client behaviour's accounts: goals, posts and escalations, per account where it says so; the contacts its clients made, and how many took a week above the contract's policy.</summary>
public sealed record BehaviourLine(
    int Accounts,
    int GoalsMet,
    double GoalsMetShare,
    SortedDictionary<string, int> GoalStatus,
    double MeanGoalProgress,
    int PostsPublished,
    int PostsExpired,
    int Escalations,
    double EscalationsPerAccount,
    int ReportsAcknowledged,
    int ReportsDelivered,
    List<double> GoalProgressByWeek,
    int Contacts,
    int ContactsAbovePolicy);

/// <summary>What the audience did: per published variant, and by the local hour it went out.</summary>
public sealed record AudienceLine(int Posts, double MeanInteractionsPerPost, double MeanFollowersGainedPerPost, int FollowersAtStart, int FollowersAtEnd, SortedDictionary<int, double> MeanInteractionsByLocalHour);

public sealed record DayLine(string Date, int Published, int Engagements);

public sealed record WeekLine(string WeekStart, int Engagements, int AnsweredWithinSla, double SlaAttainment);

/// <summary>Partnership health at the end of the run: accounts per band and per score range, and per behaviour the mean score and the bands.</summary>
public sealed record PartnershipLine(
    SortedDictionary<string, int> Bands,
    SortedDictionary<string, int> ScoreRanges,
    SortedDictionary<string, double> MeanByBehaviour,
    SortedDictionary<string, SortedDictionary<string, int>> BandsByBehaviour,
    int ContentRequests,
    int ContentDelivered,
    int Recommendations,
    int RecommendationsAccepted,
    int Contacts);
