using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Audit;
using PublishingCluster.Actors.Tests.Support;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Actors.Tests;

/// <summary>
/// Every command gets exactly one answer: accepted with the version it produced, or rejected with the rule it broke
/// and nothing stored; and a caller who got "accepted" reads the change with the very next query.
/// </summary>
public sealed class AccountCommandRepliesSpec() : TestKit(ActorSpecConfig.InMemory())
{
    private static readonly DateTimeOffset At = AccountHistory.Start;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task An_accepted_command_answers_with_the_version_it_produced()
    {
        var account = Sys.ActorOf(ClientAccountActor.PropsFor("acc-versions", ClientAccountSettings.Default));

        var opened = await ExecuteAsync(account, new OpenAccount("acc-versions", "agency-1", "Client", AccountSetup.Contract()));
        var updated = await ExecuteAsync(account, new UpdateContract("acc-versions", AccountSetup.Contract(postsPerWeek: 5)));
        var connected = await ExecuteAsync(account, ConnectX("acc-versions"));
        var drafted = await ExecuteAsync(account, Draft("acc-versions", "post-1"));

        Assert.Equal((1L, "acc-versions"), (((CommandAccepted)opened).Version, ((CommandAccepted)opened).ResultId));
        Assert.Equal(2L, ((CommandAccepted)updated).Version);
        Assert.Equal((3L, "ch-0"), (((CommandAccepted)connected).Version, ((CommandAccepted)connected).ResultId));
        Assert.Equal((4L, "post-1"), (((CommandAccepted)drafted).Version, ((CommandAccepted)drafted).ResultId));
        var summary = (AccountSummary)await account.Ask<IAccountReply>(new GetAccount("acc-versions"), Timeout);
        Assert.Equal(4L, summary.Version);
        Assert.Equal(5, summary.Contract.Scope[0].PostsPerWeek);
    }

    [Fact]
    public async Task A_repeated_request_is_accepted_again_without_a_new_version()
    {
        var account = Sys.ActorOf(ClientAccountActor.PropsFor("acc-repeat", ClientAccountSettings.Default));
        await ExecuteAsync(account, new OpenAccount("acc-repeat", "agency-1", "Client", AccountSetup.Contract(), RequestFingerprint: "fp-1"));

        var again = (CommandAccepted)await ExecuteAsync(account, new OpenAccount("acc-repeat", "agency-1", "Client", AccountSetup.Contract(), RequestFingerprint: "fp-1"));

        Assert.True(again.Repeated);
        Assert.Equal(1L, again.Version);
        Assert.Equal(2, PersistedStores.Events(this, ClientAccountActor.PersistenceIdFor("acc-repeat")).Count); // the opening and its audit entry
    }

    [Fact]
    public async Task A_keyed_request_sent_again_before_the_first_copy_is_stored_is_applied_once()
    {
        // The gateway sends a request under an idempotency key again when its answer is late: both copies can be in
        // the account's mailbox before the first is persisted.
        var account = Sys.ActorOf(ClientAccountActor.PropsFor("acc-resent", ClientAccountSettings.Default));
        await ExecuteAsync(account, new OpenAccount("acc-resent", "agency-1", "Client", AccountSetup.Contract()));
        Assert.IsType<CommandAccepted>(await ExecuteAsync(account, ConnectX("acc-resent")));
        var before = PersistedStores.Events(this, ClientAccountActor.PersistenceIdFor("acc-resent")).Count;
        var draft = Draft("acc-resent", "post-1") with { RequestFingerprint = "fp-post-1" };

        var replies = await Task.WhenAll(ExecuteAsync(account, draft), ExecuteAsync(account, draft));

        var accepted = replies.Select(Assert.IsType<CommandAccepted>).ToList();
        Assert.Equal([false, true], accepted.Select(a => a.Repeated));
        Assert.Equal(accepted[0].Version, accepted[1].Version);
        var drafted = PersistedStores.Events(this, ClientAccountActor.PersistenceIdFor("acc-resent")).Skip(before).OfType<PostDrafted>();
        Assert.Single(drafted);
    }

    public static TheoryData<string, string, RejectionKind, string> Rejections => new()
    {
        { "open-twice", "account.already-open", RejectionKind.Lifecycle, "accountId" },
        { "network-outside-contract", "contract.scope.network-not-covered", RejectionKind.Rule, "network" },
        { "unknown-post", "post.not-found", RejectionKind.NotFound, "postId" },
        { "approve-a-draft", "post.wrong-status", RejectionKind.Lifecycle, "postId" },
        { "schedule-in-the-past", "schedule.in-past", RejectionKind.Rule, "at" },
        { "text-too-long-for-x", "channel.text-too-long", RejectionKind.Rule, "variants[0].text" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task A_rejected_command_names_its_rule_and_stores_nothing(string breach, string code, RejectionKind kind, string field)
    {
        var accountId = $"acc-{breach}";
        var account = Sys.ActorOf(ClientAccountActor.PropsFor(accountId, ClientAccountSettings.Default));
        await ExecuteAsync(account, new OpenAccount(accountId, "agency-1", "Client", AccountSetup.Contract()));
        await ExecuteAsync(account, ConnectX(accountId));
        await ExecuteAsync(account, Draft(accountId, "post-1"));
        var stored = PersistedStores.Events(this, ClientAccountActor.PersistenceIdFor(accountId));
        IAccountCommand command = breach switch
        {
            "open-twice" => new OpenAccount(accountId, "agency-1", "Client again", AccountSetup.Contract()),
            "network-outside-contract" => new ConnectChannel(accountId, "ch-tiktok", Network.TikTok, "client", "Europe/London", [], []),
            "unknown-post" => new SubmitPostForReview(accountId, "no-such-post"),
            "approve-a-draft" => new ClientApprovePost(accountId, "post-1"),
            "schedule-in-the-past" => new SchedulePost(accountId, "post-1", ScheduleTarget.Exactly(At.AddHours(-1))),
            "text-too-long-for-x" => new CreatePost(accountId, "post-2", "Long", [new VariantContent("ch-0", new string('x', 5000), [])]),
            _ => throw new ArgumentOutOfRangeException(nameof(breach), breach, null),
        };

        var reply = await ExecuteAsync(account, command);

        var rejected = Assert.IsType<CommandRejected>(reply);
        Assert.Equal((accountId, code, kind, field), (rejected.AccountId, rejected.Rejection.Code, rejected.Rejection.Kind, rejected.Rejection.Field));
        Assert.False(string.IsNullOrWhiteSpace(rejected.Rejection.Message));
        Assert.Equal(stored.Count, PersistedStores.Events(this, ClientAccountActor.PersistenceIdFor(accountId)).Count);

        // A fresh incarnation, rebuilt from the journal alone, is where the accepted commands left it.
        Watch(account);
        account.Tell(PoisonPill.Instance);
        ExpectTerminated(account);
        var again = Sys.ActorOf(ClientAccountActor.PropsFor(accountId, ClientAccountSettings.Default));
        var summary = (AccountSummary)await again.Ask<IAccountReply>(new GetAccount(accountId), Timeout);
        Assert.Equal(3L, summary.Version);
        Assert.Equal("Client", summary.Name);
        Assert.Equal("ch-0", Assert.Single(summary.Channels).ChannelId);
        Assert.Equal(PostStatus.Draft, ((PostFound)await again.Ask<IAccountReply>(new GetPost(accountId, "post-1"), Timeout)).Post.Status);
    }

    [Fact]
    public async Task An_account_never_opened_rejects_commands_and_queries_as_not_found()
    {
        var account = Sys.ActorOf(ClientAccountActor.PropsFor("acc-nobody", ClientAccountSettings.Default));

        var command = await ExecuteAsync(account, Draft("acc-nobody", "post-1"));
        var query = await account.Ask<IAccountReply>(new GetAccount("acc-nobody"), Timeout);

        Assert.Equal("account.not-found", Assert.IsType<CommandRejected>(command).Rejection.Code);
        Assert.Equal("account.not-found", Assert.IsType<QueryRejected>(query).Rejection.Code);
        Assert.Empty(PersistedStores.Events(this, ClientAccountActor.PersistenceIdFor("acc-nobody")));
    }

    [Fact]
    public async Task A_query_sent_right_behind_a_command_sees_its_change()
    {
        var account = Sys.ActorOf(ClientAccountActor.PropsFor("acc-ryw", ClientAccountSettings.Default));
        await ExecuteAsync(account, new OpenAccount("acc-ryw", "agency-1", "Client", AccountSetup.Contract()));
        await ExecuteAsync(account, ConnectX("acc-ryw"));
        var caller = CreateTestProbe();

        // Command and query leave back to back without waiting: the query is answered only after the command's
        // batch is durable, and it must see it.
        for (var p = 0; p < 20; p++)
        {
            account.Tell(new Execute(Draft("acc-ryw", $"post-{p}"), At), caller.Ref);
            account.Tell(new GetPost("acc-ryw", $"post-{p}"), caller.Ref);
        }

        for (var p = 0; p < 20; p++)
        {
            var accepted = caller.ExpectMsg<CommandAccepted>(Timeout);
            var found = caller.ExpectMsg<PostFound>(Timeout);
            Assert.Equal($"post-{p}", accepted.ResultId);
            Assert.Equal($"post-{p}", found.Post.PostId);
            Assert.True(found.Version >= accepted.Version, $"read version {found.Version} behind written {accepted.Version}");
        }

        // Each accepted command left its events and an audit entry naming it.
        var audit = PersistedStores.Events(this, ClientAccountActor.PersistenceIdFor("acc-ryw")).OfType<AuditEntry>().ToList();
        Assert.Equal(22, audit.Count);
        Assert.Equal(nameof(CreatePost), audit[^1].Action);
    }

    [Fact]
    public async Task A_command_that_asks_for_a_view_is_answered_with_it_from_the_state_after_its_events()
    {
        var account = Sys.ActorOf(ClientAccountActor.PropsFor("acc-view", ClientAccountSettings.Default));
        await ExecuteAsync(account, new OpenAccount("acc-view", "agency-1", "Client", AccountSetup.Contract()));
        await ExecuteAsync(account, ConnectX("acc-view"));
        await ExecuteAsync(account, Draft("acc-view", "post-1"));

        var plain = (CommandAccepted)await ExecuteAsync(account, new SubmitPostForReview("acc-view", "post-1"));
        var viewed = (CommandAccepted)await account.Ask<IAccountReply>(
            new Execute(new ApprovePost("acc-view", "post-1"), At, Then: new GetPost("acc-view", "post-1")), Timeout);
        var read = (PostFound)await account.Ask<IAccountReply>(new GetPost("acc-view", "post-1"), Timeout);
        var keyed = Draft("acc-view", "post-2") with { RequestFingerprint = "fp-post-2" };
        await ExecuteAsync(account, keyed);
        var repeated = (CommandAccepted)await account.Ask<IAccountReply>(new Execute(keyed, At, Then: new GetAccount("acc-view")), Timeout);

        // Without Then the reply is as it always was; with it, the view is the read a GetPost would answer right after.
        Assert.Null(plain.View);
        var post = Assert.IsType<PostFound>(viewed.View);
        Assert.Equal(PostStatus.AwaitingClient, post.Post.Status);
        Assert.Equal(viewed.Version, post.Version);
        Assert.Equal(read.Post.Status, post.Post.Status);
        Assert.Equal(read.Version, post.Version);

        // A repeat changes nothing, and still answers with the view asked for.
        Assert.True(repeated.Repeated);
        Assert.Equal(2, Assert.IsType<AccountSummary>(repeated.View).PostsByStatus.Values.Sum());
    }

    [Fact]
    public async Task A_view_that_finds_nothing_leaves_the_reply_without_one()
    {
        var account = Sys.ActorOf(ClientAccountActor.PropsFor("acc-noview", ClientAccountSettings.Default));
        await ExecuteAsync(account, new OpenAccount("acc-noview", "agency-1", "Client", AccountSetup.Contract()));

        var accepted = (CommandAccepted)await account.Ask<IAccountReply>(
            new Execute(new UpdateContract("acc-noview", AccountSetup.Contract(postsPerWeek: 5)), At, Then: new GetPost("acc-noview", "no-such-post")), Timeout);

        Assert.Null(accepted.View);
        Assert.Equal(2L, accepted.Version);
    }

    private Task<IAccountReply> ExecuteAsync(IActorRef account, IAccountCommand command) =>
        account.Ask<IAccountReply>(new Execute(command, At), Timeout);

    private static ConnectChannel ConnectX(string accountId) =>
        new(accountId, "ch-0", Network.X, "client", "Europe/London",
            [.. Enum.GetValues<DayOfWeek>().Select(d => new PostingWindow(d, new TimeOnly(7, 0), new TimeOnly(21, 0)))],
            [new QueueSlot(DayOfWeek.Tuesday, new TimeOnly(10, 0))]);

    private static CreatePost Draft(string accountId, string postId) =>
        new(accountId, postId, $"Post {postId}", ImmutableList.Create(new VariantContent("ch-0", "Hello", [])));
}
