using System.Collections.Immutable;
using System.Security.Claims;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Http;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Server.Api;
using PublishingCluster.Server.Api.Routes;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// A write answers from the command's own reply: the account sends the view the route asked for (Execute.Then) with
/// its acceptance, and the route asks nothing more. An account on a node of an earlier build, which does not know the
/// field, accepts without a view: then, during a rolling upgrade, the route reads the view with a second ask.
/// </summary>
public sealed class WriteAnswersTests : IAsyncLifetime
{
    private static readonly Post Drafted = new("post-1", "Title", ImmutableSortedDictionary<string, PostVariant>.Empty, PostStatus.InReview, DateTimeOffset.UnixEpoch);
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("write-answers-tests");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.Terminate();

    [Fact]
    public async Task A_write_answers_from_the_view_its_reply_carries_without_asking_again()
    {
        var received = new List<object>();
        var call = CallTo(_system.ActorOf(Props.Create(() => new Account(received, true))));

        var written = await call.ExecuteAsync<PostFound>(new SubmitPostForReview("acc-1", "post-1"), new GetPost("acc-1", "post-1", call.Caller));

        Assert.Equal(Drafted, written.View?.Post);
        Assert.Null(written.Problem);
        var execute = Assert.IsType<Execute>(Assert.Single(Snapshot(received)));
        Assert.Equal(new GetPost("acc-1", "post-1", call.Caller), execute.Then);
    }

    [Fact]
    public async Task A_write_accepted_without_a_view_by_an_account_of_an_earlier_build_reads_it_once_more()
    {
        var received = new List<object>();
        var call = CallTo(_system.ActorOf(Props.Create(() => new Account(received, false))));

        var written = await call.ExecuteAsync<PostFound>(new SubmitPostForReview("acc-1", "post-1"), new GetPost("acc-1", "post-1", call.Caller));

        Assert.Equal(Drafted, written.View?.Post);
        Assert.Null(written.Problem);
        Assert.Collection(Snapshot(received), m => Assert.IsType<Execute>(m), m => Assert.Equal(new GetPost("acc-1", "post-1", call.Caller), m));
    }

    private static AccountCall CallTo(IActorRef account) =>
        new("acc-1", new DefaultHttpContext().Request, new ClaimsPrincipal(new ClaimsIdentity()), new AccountGateway(new Region(account)), TimeProvider.System, CancellationToken.None);

    private static List<object> Snapshot(List<object> received)
    {
        lock (received)
        {
            return [.. received];
        }
    }

    /// <summary>An account that accepts every command, with the view asked for or (as a build before the field) without, and answers reads.</summary>
    private sealed class Account : ReceiveActor
    {
        public Account(List<object> received, bool sendsView)
        {
            ReceiveAny(message =>
            {
                lock (received)
                {
                    received.Add(message);
                }

                var found = new PostFound("acc-1", Drafted, 4);
                Sender.Tell(message switch
                {
                    Execute { Then: GetPost } when sendsView => new CommandAccepted("acc-1", "post-1", 4, View: found),
                    Execute => new CommandAccepted("acc-1", "post-1", 4),
                    _ => found,
                });
            });
        }
    }

    private sealed class Region(IActorRef account) : IRequiredActor<AccountRegion>
    {
        public IActorRef ActorRef => account;

        public Task<IActorRef> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(account);
    }
}
