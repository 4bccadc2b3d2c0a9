using System.Collections.Immutable;
using System.Text.Json;
using Akka.Actor;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Serialization;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;

namespace PublishingCluster.Actors.Tests.Support;

/// <summary>
/// A realistic life of one account, played through the actor with real commands: the contract changes, three
/// channels are connected, and posts end in every status there is (draft, in review, awaiting the client, rejected,
/// scheduled, rescheduled, cancelled, expired, published on one channel, failed on another, still in flight on a
/// third). Recovery specs compare what <see cref="ReadAsync"/> sees before and after a restart.
/// </summary>
public static class AccountHistory
{
    /// <summary>A Monday morning in winter time, so the London slots below are 10:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static readonly string[] ChannelIds = ["ch-0", "ch-1", "ch-2"];

    public static readonly string[] PostIds = ["draft", "in-review", "awaiting-client", "rejected", "expires", "published", "rescheduled", "cancelled"];

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Plays the whole history; returns how many commands were accepted.</summary>
    public static async Task<int> PlayAsync(IActorRef account, string accountId)
    {
        var accepted = 0;
        async Task Run(IAccountCommand command, DateTimeOffset? now = null)
        {
            await AccountSetup.ExecuteAsync(account, command, now ?? Start);
            accepted++;
        }

        await Run(new OpenAccount(accountId, "agency-1", "Client One", AccountSetup.Contract()));
        await Run(new UpdateContract(accountId, AccountSetup.Contract(postsPerWeek: 25)));
        ImmutableList<PostingWindow> windows = [.. Enum.GetValues<DayOfWeek>().Select(d => new PostingWindow(d, new TimeOnly(7, 0), new TimeOnly(21, 0)))];
        ImmutableList<QueueSlot> slots = [.. Enum.GetValues<DayOfWeek>().Select(d => new QueueSlot(d, new TimeOnly(10, 0)))];
        for (var c = 0; c < ChannelIds.Length; c++)
        {
            await Run(new ConnectChannel(accountId, ChannelIds[c], AccountSetup.Networks[c], $"client-one-{c}", "Europe/London", windows, slots));
        }

        async Task Draft(string postId)
        {
            ImmutableList<VariantContent> variants = [.. ChannelIds.Select((id, c) => new VariantContent(id, $"{postId} on {AccountSetup.Networks[c]}", []))];
            await Run(new CreatePost(accountId, postId, $"Post {postId}", variants));
        }

        async Task Approved(string postId, bool byClient)
        {
            await Draft(postId);
            await Run(new SubmitPostForReview(accountId, postId));
            await Run(new ApprovePost(accountId, postId));
            if (byClient)
            {
                await Run(new ClientApprovePost(accountId, postId));
            }
        }

        await Draft("draft");
        await Draft("in-review");
        await Run(new SubmitPostForReview(accountId, "in-review"));
        await Approved("awaiting-client", byClient: false);
        await Draft("rejected");
        await Run(new SubmitPostForReview(accountId, "rejected"));
        await Run(new RejectPost(accountId, "rejected", "Off brand"));

        // Scheduled first, so it takes the earliest slots; never approved by the client, so it expires when due.
        await Approved("expires", byClient: false);
        await Run(new SchedulePost(accountId, "expires", ScheduleTarget.NextFreeSlot));
        await Approved("published", byClient: true);
        await Run(new SchedulePost(accountId, "published", ScheduleTarget.NextFreeSlot));
        await Approved("rescheduled", byClient: true);
        await Run(new SchedulePost(accountId, "rescheduled", ScheduleTarget.Exactly(Start.AddDays(10).AddHours(4))));
        await Run(new ReschedulePost(accountId, "rescheduled", ScheduleTarget.Exactly(Start.AddDays(12).AddHours(6))));
        await Approved("cancelled", byClient: true);
        await Run(new SchedulePost(accountId, "cancelled", ScheduleTarget.NextFreeSlot));
        await Run(new CancelPost(accountId, "cancelled", "Client changed their mind"));

        // The coordinator wakes the account when "published" is due: "expires" expires, "published" starts on every channel.
        var published = (PostFound)await account.Ask<IAccountReply>(new GetPost(accountId, "published"), Timeout);
        var due = published.Post.Variants.Values.Max(v => v.ScheduledAt!.Value);
        await Run(new PublishDue(accountId), due);
        await Run(new RecordPublished(accountId, "published", "ch-0", "x-123"), due.AddSeconds(2));
        await Run(new RecordPublishFailed(accountId, "published", "ch-1", "Token expired", NeedsHuman: true), due.AddSeconds(3));
        return accepted;
    }

    /// <summary>
    /// Everything the account answers about itself, as JSON (records holding immutable collections compare by
    /// reference, their JSON compares by content): summary, every post, the calendar and each channel's queue.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(IActorRef account, string accountId)
    {
        List<IAccountRequest> queries =
        [
            new GetAccount(accountId),
            .. PostIds.Select(p => new GetPost(accountId, p)),
            new GetCalendar(accountId, Start.AddDays(-1), Start.AddDays(30)),
            .. ChannelIds.Select(c => new GetChannelQueue(accountId, c, Start)),
        ];
        var seen = new List<string>();
        foreach (var query in queries)
        {
            var reply = await account.Ask<IAccountReply>(query, Timeout);
            seen.Add($"{reply.GetType().Name} {JsonSerializer.Serialize(reply, reply.GetType(), DomainJson.Options)}");
        }

        return seen;
    }
}
