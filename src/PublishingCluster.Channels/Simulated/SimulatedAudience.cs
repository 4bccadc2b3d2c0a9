using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Engagement;

namespace PublishingCluster.Channels.Simulated;

/// <summary>
/// The people behind the simulated networks' profiles: followers per profile, and what they say back to each post
/// (see <see cref="AudienceSettings"/>). A network tells it what it published; <see cref="Advance"/> then works out,
/// in a stable order (publication time, then key), what each post brings, and hands out the engagements whose time
/// has come. Publications reported concurrently therefore give the same audience on every run. Every chance is a
/// <see cref="StableChance"/> of the seed and the post's idempotency key. Safe to call from several threads.
/// </summary>
public sealed class SimulatedAudience
{
    private readonly Lock _gate = new();
    private readonly AudienceSettings _settings;
    private readonly bool _keepPosts;
    private readonly Dictionary<(Network, string), Profile> _profiles = [];
    private readonly List<(PublishRequest Request, Publication Publication)> _pending = [];
    private readonly SortedSet<AudienceEngagement> _waiting = new(Comparer<AudienceEngagement>.Create(
        (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : string.CompareOrdinal(a.EngagementId, b.EngagementId)));
    private readonly List<PostAudience> _posts = [];

    /// <param name="keepPosts">Keep what each post drew, for a run's summary (a long-running server does not).</param>
    public SimulatedAudience(AudienceSettings settings, bool keepPosts = false)
    {
        settings.Validate();
        _settings = settings;
        _keepPosts = keepPosts;
    }

    /// <summary>Introduces a profile: its followers and the time zone its audience lives in (unknown profiles: UTC).</summary>
    public void Register(Network network, string handle, string timeZone, double followers, DateTimeOffset since)
    {
        lock (_gate)
        {
            _profiles[(network, handle)] = new Profile(TimeZones.Find(timeZone)) { Followers = followers, UpdatedAt = since };
        }
    }

    /// <summary>Told by a network when a post went up (once per idempotency key).</summary>
    public void Published(PublishRequest request, Publication publication)
    {
        lock (_gate)
        {
            _pending.Add((request, publication));
        }
    }

    /// <summary>Works out what the posts published so far bring, and takes the engagements due by <paramref name="now"/>, oldest first.</summary>
    public IReadOnlyList<AudienceEngagement> Advance(DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var (request, publication) in _pending
                .OrderBy(p => p.Publication.PublishedAt)
                .ThenBy(p => p.Publication.IdempotencyKey, StringComparer.Ordinal))
            {
                React(request, publication);
            }

            _pending.Clear();
            var due = new List<AudienceEngagement>();
            while (_waiting.Count > 0 && _waiting.Min!.At <= now)
            {
                due.Add(_waiting.Min);
                _waiting.Remove(_waiting.Min);
            }

            return due;
        }
    }

    /// <summary>The profile's followers at <paramref name="now"/>, rounded down.</summary>
    public int FollowersOf(Network network, string handle, DateTimeOffset now)
    {
        lock (_gate)
        {
            var profile = ProfileOf(network, handle, now);
            return (int)Math.Floor(Decayed(profile, now));
        }
    }

    /// <summary>What every post drew so far (only when kept), in publication order.</summary>
    public IReadOnlyList<PostAudience> Posts()
    {
        lock (_gate)
        {
            return [.. _posts];
        }
    }

    private void React(PublishRequest request, Publication publication)
    {
        var at = publication.PublishedAt;
        var key = publication.IdempotencyKey;
        var profile = ProfileOf(publication.Network, publication.Handle, at);
        profile.Followers = Decayed(profile, at);
        profile.UpdatedAt = at;
        profile.Recent.RemoveAll(t => t <= at - TimeSpan.FromHours(24));
        var wear = 1.0 / (1.0 + (_settings.WearOut * Math.Max(0, profile.Recent.Count + 1 - _settings.PostsPerDayBeforeWearOut)));
        profile.Recent.Add(at);

        var local = TimeZones.ToLocal(at, profile.Zone);
        var time = BestTimes.Factor(publication.Network, local);
        var fit = VariantFit.Of(publication.Network, request.Text, request.Media.Count);
        var seen = profile.Followers * _settings.ReachShare * time * fit * wear;
        var interactions = seen * _settings.EngagementRate;
        var gained = interactions * _settings.FollowConversion;
        profile.Followers += gained;

        var engagements = new List<AudienceEngagement>();
        if (PublicationKey.TryParse(key, out var accountId, out var channelId))
        {
            var answerable = Math.Min(_settings.MaxEngagementsPerPost, StochasticRound(interactions * _settings.AnswerableShare, key));
            for (var i = 0; i < answerable; i++)
            {
                engagements.Add(Engagement(publication, accountId, channelId, i, spike: false));
            }

            if (Chance("spike", key, 0) < _settings.SpikeRate)
            {
                for (var i = 0; i < _settings.SpikeSize; i++)
                {
                    engagements.Add(Engagement(publication, accountId, channelId, answerable + i, spike: true));
                }
            }
        }

        _waiting.UnionWith(engagements);
        if (_keepPosts)
        {
            _posts.Add(new PostAudience(key, publication.Network, publication.Handle, at, local.Hour, local.DayOfWeek, time, fit, wear,
                seen, interactions, gained, engagements.Count, engagements.Count(e => e.Sentiment == Sentiment.Negative)));
        }
    }

    private AudienceEngagement Engagement(Publication publication, string accountId, string channelId, int index, bool spike)
    {
        var key = publication.IdempotencyKey;
        var id = $"e-{StableChance.Hash($"{_settings.Seed}|{key}"):x16}-{index}";
        var delay = spike
            ? TimeSpan.FromMinutes(_settings.SpikeMinutes * (index + 1.0) / (index + 2.0))
            : TimeSpan.FromMinutes(2 + (Math.Pow(Chance("delay", key, index), 2) * (_settings.MaxDelayMinutes - 2)));
        var kindRoll = Chance("kind", key, index);
        var kind = kindRoll < 0.7 ? EngagementKind.Comment : kindRoll < 0.85 ? EngagementKind.Mention : kindRoll < 0.95 ? EngagementKind.DirectMessage : EngagementKind.Review;
        var moodRoll = Chance("sentiment", key, index);
        var sentiment = spike || moodRoll < _settings.NegativeShare ? Sentiment.Negative
            : moodRoll < _settings.NegativeShare + ((1 - _settings.NegativeShare) / 2) ? Sentiment.Positive
            : Sentiment.Neutral;
        var lines = Lines[sentiment];
        var text = lines[(int)(Chance("text", key, index) * lines.Length)];
        var author = $"@fan{StableChance.Hash($"{_settings.Seed}|author|{key}|{index}") % 100_000:D5}";
        return new AudienceEngagement(id, accountId, channelId, publication.Network, publication.Handle, kind, author, text, sentiment,
            publication.PublishedAt + delay, spike);
    }

    private Profile ProfileOf(Network network, string handle, DateTimeOffset now)
    {
        if (!_profiles.TryGetValue((network, handle), out var profile))
        {
            _profiles[(network, handle)] = profile = new Profile(TimeZoneInfo.Utc) { Followers = _settings.InitialFollowers, UpdatedAt = now };
        }

        return profile;
    }

    private double Decayed(Profile profile, DateTimeOffset now)
    {
        var days = Math.Max(0, (now - profile.UpdatedAt).TotalDays);
        return profile.Followers * Math.Exp(-_settings.DailyChurn * days);
    }

    /// <summary>A whole number whose mean is <paramref name="expected"/>: the fraction becomes one more with its own chance.</summary>
    private int StochasticRound(double expected, string key)
    {
        var whole = (int)Math.Floor(expected);
        return whole + (Chance("round", key, 0) < expected - whole ? 1 : 0);
    }

    private double Chance(string purpose, string key, int index) => StableChance.Of(_settings.Seed, $"audience/{purpose}", key, index);

    private static readonly Dictionary<Sentiment, string[]> Lines = new()
    {
        [Sentiment.Positive] = ["Love this, thanks for sharing!", "Great post, really helpful.", "Brilliant idea, we will try it.", "This is amazing, well done team."],
        [Sentiment.Neutral] = ["Is this available in other sizes?", "When does the offer end?", "Do you ship to Portugal?", "What time do you open on Sundays?"],
        [Sentiment.Negative] = ["My order arrived broken and nobody answers.", "Terrible service, still waiting for my refund.", "Disappointed, the product was wrong again.", "Worst support ever, really angry."],
    };

    private sealed class Profile(TimeZoneInfo zone)
    {
        public TimeZoneInfo Zone { get; } = zone;

        public double Followers { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }

        public List<DateTimeOffset> Recent { get; } = [];
    }
}

/// <summary>Something the audience says to a post, to be delivered to the account that published it at <see cref="At"/>.</summary>
public sealed record AudienceEngagement(
    string EngagementId,
    string AccountId,
    string ChannelId,
    Network Network,
    string Handle,
    EngagementKind Kind,
    string Author,
    string Text,
    Sentiment Sentiment,
    DateTimeOffset At,
    bool InSpike);

/// <summary>What one post drew: when it went up (local hour and weekday), the factors that shaped it and what came of it.</summary>
public sealed record PostAudience(
    string IdempotencyKey,
    Network Network,
    string Handle,
    DateTimeOffset PublishedAt,
    int LocalHour,
    DayOfWeek LocalDay,
    double TimeFactor,
    double Fit,
    double Wear,
    double Seen,
    double Interactions,
    double FollowersGained,
    int Engagements,
    int Negative);

/// <summary>
/// A variant's idempotency key names its account and channel ("account/post/channel"): that is how a network's
/// engagements find the account that published the post, as an agency's integration maps a network's post back.
/// </summary>
public static class PublicationKey
{
    public static bool TryParse(string key, out string accountId, out string channelId)
    {
        var first = key.IndexOf('/', StringComparison.Ordinal);
        var last = key.LastIndexOf('/');
        if (first <= 0 || last <= first || last == key.Length - 1)
        {
            accountId = channelId = string.Empty;
            return false;
        }

        accountId = key[..first];
        channelId = key[(last + 1)..];
        return true;
    }
}
