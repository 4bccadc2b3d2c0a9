using System.Collections.Immutable;
using Akka.Actor;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Actors.Tests.Support;

/// <summary>Builds accounts through the account actors with real commands, as the HTTP API would.</summary>
public static class AccountSetup
{
    public static readonly Network[] Networks = [Network.X, Network.LinkedIn, Network.Instagram];
    private static readonly string[] Zones = ["Europe/London", "America/New_York", "Asia/Tokyo"];
    // Generous: on a shared 2-core machine other test assemblies run beside these specs; a hang still fails.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>Account <paramref name="index"/>'s reporting: cadences in turn, and for each every zone in turn.</summary>
    public static (ReportingCadence Cadence, string Zone) ReportingOf(int index) =>
        ((ReportingCadence)(index % 3), Zones[index / 3 % Zones.Length]);

    public static Contract Contract(int postsPerWeek = 20, ReportingCadence cadence = ReportingCadence.Monthly, string zone = "Europe/London") => new(
        [.. Networks.Select(n => new ChannelScope(n, postsPerWeek))],
        new Roles("Ada", "Grace"),
        new Budget(1000, "EUR", 10, 0),
        cadence,
        new ResponseSla(60, 30, new BusinessHours(zone, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new TimeOnly(9, 0), new TimeOnly(17, 0))),
        new ContactPolicy(ContactMedium.Email, 2),
        []);

    public static async Task ExecuteAsync(IActorRef accounts, IAccountCommand command, DateTimeOffset now)
    {
        var reply = await accounts.Ask<IAccountReply>(new Execute(command, now), Timeout);
        if (reply is not CommandAccepted)
        {
            throw new InvalidOperationException($"{command.GetType().Name} on {command.AccountId} was answered {reply}");
        }
    }

    /// <summary>
    /// Opens account <paramref name="index"/> (reporting per <see cref="ReportingOf"/>) with three channels in three time zones, each with a posting window
    /// 07:00-21:00 every day and slots at a per-account hour on Monday, Wednesday and Friday; then writes
    /// <paramref name="posts"/> posts, approves all but every <paramref name="unapprovedEvery"/>-th, and schedules each
    /// in its channels' next free slots. Returns the account id.
    /// </summary>
    public static async Task<string> OpenAsync(IActorRef accounts, int index, DateTimeOffset now, int posts, int unapprovedEvery)
    {
        var accountId = $"acc-{index:D5}";
        var (cadence, zone) = ReportingOf(index);
        await ExecuteAsync(accounts, new OpenAccount(accountId, "agency", $"Client {index}", Contract(cadence: cadence, zone: zone)), now);
        var hour = 8 + (index % 12);
        for (var c = 0; c < Networks.Length; c++)
        {
            ImmutableList<QueueSlot> slots = [.. new[] { DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday }.Select(d => new QueueSlot(d, new TimeOnly(hour, 0)))];
            ImmutableList<PostingWindow> windows = [.. Enum.GetValues<DayOfWeek>().Select(d => new PostingWindow(d, new TimeOnly(7, 0), new TimeOnly(21, 0)))];
            await ExecuteAsync(accounts, new ConnectChannel(accountId, $"ch-{c}", Networks[c], $"client{index}-{c}", Zones[(index + c) % Zones.Length], windows, slots), now);
        }

        for (var p = 0; p < posts; p++)
        {
            var postId = $"post-{p:D3}";
            ImmutableList<VariantContent> variants = [.. Enumerable.Range(0, Networks.Length).Select(c => new VariantContent($"ch-{c}", $"Post {p} of client {index} on {Networks[c]}", []))];
            await ExecuteAsync(accounts, new CreatePost(accountId, postId, $"Post {p}", variants), now);
            await ExecuteAsync(accounts, new SubmitPostForReview(accountId, postId), now);
            await ExecuteAsync(accounts, new ApprovePost(accountId, postId), now);
            if (unapprovedEvery <= 0 || (p + 1) % unapprovedEvery != 0)
            {
                await ExecuteAsync(accounts, new ClientApprovePost(accountId, postId), now);
            }

            await ExecuteAsync(accounts, new SchedulePost(accountId, postId, ScheduleTarget.NextFreeSlot), now);
        }

        return accountId;
    }

    public static async Task<IReadOnlyList<Post>> PostsOfAsync(IActorRef accounts, string accountId, int posts)
    {
        var found = new List<Post>();
        for (var p = 0; p < posts; p++)
        {
            var reply = await accounts.Ask<IAccountReply>(new GetPost(accountId, $"post-{p:D3}"), Timeout);
            found.Add(((PostFound)reply).Post);
        }

        return found;
    }
}
