namespace PublishingCluster.Channels.Simulated;

/// <summary>
/// How a simulated audience answers what is published. A post is seen by a share of the profile's followers,
/// scaled by the hour and weekday (<see cref="BestTimes"/>), by how well the variant fits the network
/// (<see cref="VariantFit"/>) and by how often the profile has posted lately (an audience posted at too often tires).
/// Some of those who see it interact; some of those become followers; a few write something that needs an answer,
/// with a sentiment. Now and then a post draws a storm of negative comments.
/// </summary>
public sealed record AudienceSettings
{
    public static AudienceSettings Default { get; } = new();

    /// <summary>Seed for every chance the audience takes.</summary>
    public int Seed { get; init; }

    /// <summary>Followers of a profile the audience has not been told about.</summary>
    public int InitialFollowers { get; init; } = 2000;

    /// <summary>Share of followers who see a post published at a best time.</summary>
    public double ReachShare { get; init; } = 0.3;

    /// <summary>Share of those who see a post who interact with it (likes, shares, comments).</summary>
    public double EngagementRate { get; init; } = 0.06;

    /// <summary>Share of interactions that bring a new follower.</summary>
    public double FollowConversion { get; init; } = 0.25;

    /// <summary>Share of followers lost per day, posting or not.</summary>
    public double DailyChurn { get; init; } = 0.0003;

    /// <summary>Share of interactions that are comments, mentions, messages or reviews: engagements that want an answer.</summary>
    public double AnswerableShare { get; init; } = 0.04;

    /// <summary>At most this many engagements that want an answer per post (a storm comes on top).</summary>
    public int MaxEngagementsPerPost { get; init; } = 6;

    /// <summary>Share of answerable engagements that are negative; of the rest, half are positive.</summary>
    public double NegativeShare { get; init; } = 0.1;

    /// <summary>Chance that a post draws a storm of negative engagements (a negative spike).</summary>
    public double SpikeRate { get; init; } = 0.01;

    /// <summary>Negative engagements in a storm, all within <see cref="SpikeMinutes"/>.</summary>
    public int SpikeSize { get; init; } = 6;

    public int SpikeMinutes { get; init; } = 40;

    /// <summary>Posts a profile may publish in 24 hours before its audience tires.</summary>
    public int PostsPerDayBeforeWearOut { get; init; } = 2;

    /// <summary>How much each post beyond <see cref="PostsPerDayBeforeWearOut"/> in 24 hours cuts a post's reach.</summary>
    public double WearOut { get; init; } = 0.35;

    /// <summary>The latest an engagement arrives after its post, in minutes.</summary>
    public int MaxDelayMinutes { get; init; } = 360;

    public void Validate()
    {
        foreach (var (name, share) in new[]
        {
            (nameof(ReachShare), ReachShare), (nameof(EngagementRate), EngagementRate), (nameof(FollowConversion), FollowConversion),
            (nameof(DailyChurn), DailyChurn), (nameof(AnswerableShare), AnswerableShare), (nameof(NegativeShare), NegativeShare),
            (nameof(SpikeRate), SpikeRate), (nameof(WearOut), WearOut),
        })
        {
            if (share is < 0 or > 1 || double.IsNaN(share))
            {
                throw new ArgumentOutOfRangeException(name, share, $"{name} must be between 0 and 1.");
            }
        }

        if (InitialFollowers < 0 || MaxEngagementsPerPost < 0 || SpikeSize < 0 || PostsPerDayBeforeWearOut < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialFollowers), "Followers, engagement caps, spike size and the wear-out allowance cannot be negative.");
        }

        if (SpikeMinutes < 1 || MaxDelayMinutes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SpikeMinutes), "A storm and an engagement's delay last at least a minute.");
        }
    }
}
