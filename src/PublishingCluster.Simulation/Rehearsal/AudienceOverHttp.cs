using System.Text.Json.Nodes;
using PublishingCluster.Channels;
using PublishingCluster.Channels.Simulated;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Simulation.Agency;

namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>
/// The audience over HTTP: the posts due are read back from the server, each variant it reports published goes up
/// before the simulated audience (the model the simulated networks use), and the engagements it draws are posted to
/// their accounts and land on the agency's desk.
/// </summary>
public sealed class AudienceOverHttp(RehearsalStage stage, SimulatedAudience audience, EngagementDesk desk)
{
    /// <summary>A variant still not published this long after its time is no longer watched (the server gives up after a day).</summary>
    private static readonly TimeSpan WatchFor = TimeSpan.FromDays(2);

    private long _published;
    private long _engagements;

    /// <summary>Variants the server reported published, as the rehearsal saw them.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Engagements the server accepted.</summary>
    public long Engagements => Interlocked.Read(ref _engagements);

    /// <summary>Reads back the posts due by now; each variant the server reports published goes up before the audience.</summary>
    public Task WatchPublishedAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        stage.ForEachAsync(stage.Accounts.Where(a => a.Open.Count > 0), async (account, ct) =>
        {
            List<DraftedPost> due;
            lock (account)
            {
                due = [.. account.Open.Values.Where(p => p.DueAt.Any(d => !p.Settled.Contains(d.Key) && d.Value <= now))];
            }

            foreach (var post in due)
            {
                var read = await stage.Api.GetAsync("read-post", $"/accounts/{account.ServerId}/posts/{post.PostId}", stage.AgencyKey, ct);
                if (read.Status == 404)
                {
                    post.Settled.UnionWith(post.DueAt.Keys);
                }
                else if (read.Ok && read.Body?["variants"]?.AsObject() is { } variants)
                {
                    var status = read.Body["status"]?.GetValue<string>();
                    foreach (var (channelId, variant) in variants)
                    {
                        Settle(account, post, channelId, variant!, status, now);
                    }
                }

                lock (account)
                {
                    if (post.DueAt.Keys.All(post.Settled.Contains))
                    {
                        account.Open.Remove(post.PostId);
                    }
                }
            }
        }, cancellationToken);

    private void Settle(RehearsalAccount account, DraftedPost post, string channelId, JsonNode variant, string? postStatus, DateTimeOffset now)
    {
        if (post.Settled.Contains(channelId) || !post.DueAt.TryGetValue(channelId, out var dueAt))
        {
            return;
        }

        var delivery = variant["delivery"]?.GetValue<string>();
        if (delivery == nameof(VariantDelivery.Published) && variant["publishedAt"]?.GetValue<DateTimeOffset>() is { } publishedAt)
        {
            var c = account.ChannelIndexOf(channelId);
            var network = account.Blueprint.Networks[c];
            var handle = account.Blueprint.HandleOf(c);
            var (text, media) = post.Variants[channelId];
            // The variant's idempotency key as the server builds it names the account and channel the engagements go to.
            var key = $"{account.ServerId}/{post.PostId}/{channelId}";
            audience.Published(new PublishRequest(key, network, handle, text, media, publishedAt),
                new Publication(key, network, handle, variant["externalId"]?.GetValue<string>() ?? key, publishedAt, text));
            Interlocked.Increment(ref _published);
            post.Settled.Add(channelId);
        }
        else if (delivery == nameof(VariantDelivery.Failed) || postStatus is "Expired" or "Cancelled" || now - dueAt > WatchFor)
        {
            post.Settled.Add(channelId);
        }
    }

    /// <summary>The audience's engagements due by now, posted to their accounts; each accepted one lands on the desk.</summary>
    public async Task DeliverEngagementsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = audience.Advance(now);
        var accepted = new List<AudienceEngagement>();
        await stage.ForEachAsync(due.GroupBy(e => e.AccountId).ToList(), async (group, ct) =>
        {
            foreach (var e in group)
            {
                var posted = await stage.Api.PostAsync("engagement", $"/accounts/{e.AccountId}/engagements", stage.AgencyKey, new
                {
                    engagementId = e.EngagementId,
                    channelId = e.ChannelId,
                    kind = e.Kind,
                    author = e.Author,
                    text = e.Text,
                    receivedAt = e.At,
                    sentiment = e.Sentiment,
                }, ct);
                if (posted.Ok)
                {
                    lock (accepted)
                    {
                        accepted.Add(e);
                    }
                }
            }
        }, cancellationToken);

        foreach (var e in accepted.OrderBy(e => e.At).ThenBy(e => e.EngagementId, StringComparer.Ordinal))
        {
            desk.Receive(e.AccountId, e.EngagementId, stage.ByServerId[e.AccountId].Sla, e.Sentiment, e.At);
        }

        Interlocked.Add(ref _engagements, accepted.Count);
    }

}
