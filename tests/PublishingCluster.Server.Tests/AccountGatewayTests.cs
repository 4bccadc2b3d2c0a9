using Akka.Actor;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Agencies;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Agencies;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Server.Api;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// The gateway's retries: a read, or a command under an idempotency key, lost on its way (as in a shard hand-off or a
/// node's crash, where sharding delivers at most once) is sent again and answered; any other command is sent once,
/// and a silent account is a failure after the whole wait.
/// </summary>
public sealed class AccountGatewayTests : IAsyncLifetime
{
    private static readonly TimeSpan Try = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Whole = TimeSpan.FromSeconds(5);
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("gateway-tests");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.Terminate();

    [Fact]
    public async Task A_read_lost_on_its_way_is_sent_again_and_answered()
    {
        var received = new List<object>();
        var account = _system.ActorOf(Props.Create(() => new LosesFirst(received, new CommandFailed("acc-1", "answered"))));

        var reply = await AccountGateway.AskAsync(account, new GetAccount("acc-1"), Try, Whole, CancellationToken.None);

        Assert.Equal(new CommandFailed("acc-1", "answered"), reply);
        Assert.Equal(2, Count(received));
    }

    [Fact]
    public async Task A_command_under_an_idempotency_key_lost_on_its_way_is_sent_again_and_answered()
    {
        var received = new List<object>();
        var account = _system.ActorOf(Props.Create(() => new LosesFirst(received, new CommandFailed("acc-1", "answered"))));
        var command = new Execute(new CreatePost("acc-1", "post-1", "Title", [], RequestFingerprint: "fp-1"), DateTimeOffset.UnixEpoch);

        var reply = await AccountGateway.AskAsync(account, command, Try, Whole, CancellationToken.None);

        Assert.Equal(new CommandFailed("acc-1", "answered"), reply);
        Assert.Equal(2, Count(received));
    }

    [Fact]
    public void A_creating_command_without_an_idempotency_key_is_not_repeatable()
    {
        Assert.False(AccountGateway.IsRepeatable(new Execute(new CreatePost("acc-1", "post-1", "Title", []), DateTimeOffset.UnixEpoch)));
        Assert.True(AccountGateway.IsRepeatable(new Execute(new OpenAccount("acc-1", "agency-1", "Client", null!, RequestFingerprint: "fp"), DateTimeOffset.UnixEpoch)));
        Assert.True(AccountGateway.IsRepeatable(new GetAccount("acc-1")));
    }

    [Fact]
    public async Task A_key_check_lost_on_its_way_is_sent_again_and_an_agency_command_is_sent_once()
    {
        var authenticated = new Authenticated("agency-1", "key-1", AgencyRole.AgencyAdmin, []);
        var checks = new List<object>();
        var agency = _system.ActorOf(Props.Create(() => new LosesFirst(checks, authenticated)));
        var commands = new List<object>();
        var silent = _system.ActorOf(Props.Create(() => new LosesFirst(commands, authenticated)));

        var reply = await AgencyGateway.AskAsync(agency, new Authenticate("agency-1", "key-1", "hash"), Try, Whole, CancellationToken.None);
        var command = await AgencyGateway.AskAsync(silent, new ExecuteAgency(new RegisterAgency("agency-1", "Agency"), DateTimeOffset.UnixEpoch), Try, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(authenticated, reply);
        Assert.Equal(2, Count(checks));
        Assert.Equal("Agency agency-1 did not answer within 1 s.", Assert.IsType<AgencyCommandFailed>(command).Reason);
        Assert.Equal(1, Count(commands));
    }

    [Fact]
    public async Task A_command_is_sent_once_and_a_silent_account_fails_after_the_whole_wait()
    {
        var received = new List<object>();
        var account = _system.ActorOf(Props.Create(() => new LosesFirst(received, new CommandFailed("acc-1", "answered"))));
        var command = new Execute(new SubmitPostForReview("acc-1", "post-1"), DateTimeOffset.UnixEpoch);

        var reply = await AccountGateway.AskAsync(account, command, Try, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal("Account acc-1 did not answer within 1 s.", Assert.IsType<CommandFailed>(reply).Reason);
        Assert.Equal(1, Count(received));
    }

    [Fact]
    public void Tries_wait_twice_as_long_each_time_up_to_four_times_the_first()
    {
        var lengths = Enumerable.Range(0, 6).Select(attempt => Resending.TryLength(Try, attempt)).ToList();

        Assert.Equal([Try, Try * 2, Try * 4, Try * 4, Try * 4, Try * 4], lengths);
    }

    private static int Count(List<object> received)
    {
        lock (received)
        {
            return received.Count;
        }
    }

    /// <summary>Drops the first request it gets, as a node leaving mid-hand-off would, and answers every later one.</summary>
    private sealed class LosesFirst : ReceiveActor
    {
        public LosesFirst(List<object> received, object answer)
        {
            ReceiveAny(message =>
            {
                int count;
                lock (received)
                {
                    received.Add(message);
                    count = received.Count;
                }

                if (count > 1)
                {
                    Sender.Tell(answer);
                }
            });
        }
    }
}
