using Akka.Actor;
using Akka.TestKit.Xunit2;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Tests.Support;

namespace PublishingCluster.Actors.Tests;

/// <summary>
/// Many accounts due in the same minute are woken in waves: the partition waits on at most
/// <see cref="PostingPartitionActor.MaxAwaitingWake"/> at once, wakes more as answers come back, and frees the place of
/// one that never answers after <see cref="PostingPartitionActor.WakeRetry"/>. None is left out.
/// </summary>
public sealed class PostingPartitionWavesSpec() : TestKit(ActorSpecConfig.InMemory())
{
    private static readonly DateTimeOffset Hour = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private const string Partition = "p0";
    private const int Accounts = 100;

    [Fact]
    public void Accounts_due_together_are_woken_in_waves_as_the_woken_ones_answer_and_every_one_is_woken()
    {
        var (partition, accounts) = Start();

        partition.Tell(new Tick(Partition, Hour));
        var first = ExpectWakes(accounts, PostingPartitionActor.MaxAwaitingWake);
        partition.Tell(new Tick(Partition, Hour.AddSeconds(1)));
        accounts.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        // Ten answer (their next work is tomorrow): ten more are woken on the next beat.
        foreach (var accountId in first.Take(10))
        {
            partition.Tell(new NextDueChanged(Partition, accountId, Hour.AddDays(1)));
        }

        partition.Tell(new Tick(Partition, Hour.AddSeconds(2)));
        var second = ExpectWakes(accounts, 10);
        Assert.Empty(second.Intersect(first));

        // Everyone woken answers at once, beat after beat, until nobody is due.
        var woken = new HashSet<string>(first.Concat(second));
        var pending = new Queue<string>(first.Skip(10).Concat(second));
        for (var beat = 3; woken.Count < Accounts; beat++)
        {
            while (pending.TryDequeue(out var accountId))
            {
                partition.Tell(new NextDueChanged(Partition, accountId, Hour.AddDays(1)));
            }

            partition.Tell(new Tick(Partition, Hour.AddSeconds(beat)));
            var wave = ExpectWakes(accounts, Math.Min(PostingPartitionActor.MaxAwaitingWake, Accounts - woken.Count));
            Assert.Empty(wave.Intersect(woken));
            woken.UnionWith(wave);
            wave.ForEach(pending.Enqueue);
        }

        Assert.Equal(Accounts, woken.Count);
    }

    [Fact]
    public async Task A_woken_account_that_never_answers_frees_its_place_after_the_retry_time_and_is_woken_again_in_its_turn()
    {
        var (partition, accounts) = Start();
        partition.Tell(new Tick(Partition, Hour));
        var first = ExpectWakes(accounts, PostingPartitionActor.MaxAwaitingWake);

        // Nobody answers. After the retry time their places are free: those due longer go first, then them again.
        partition.Tell(new Tick(Partition, Hour + PostingPartitionActor.WakeRetry));
        var next = ExpectWakes(accounts, PostingPartitionActor.MaxAwaitingWake);
        Assert.Empty(next.Intersect(first));

        var answer = await partition.Ask<DueAnswer>(new GetDue(Partition, Hour + PostingPartitionActor.WakeRetry), TimeSpan.FromSeconds(10));
        Assert.Equal((Accounts, PostingPartitionActor.MaxAwaitingWake), (answer.Tracked, answer.AwaitingWake));
        Assert.Subset(answer.Due.Select(d => d.AccountId).ToHashSet(), first.ToHashSet());

        var woken = first.Concat(next).ToHashSet();
        for (var retry = 2; woken.Count < Accounts; retry++)
        {
            partition.Tell(new Tick(Partition, Hour + (PostingPartitionActor.WakeRetry * retry)));
            woken.UnionWith(ExpectWakes(accounts, PostingPartitionActor.MaxAwaitingWake));
            Assert.True(retry < 10, "Some accounts were never woken.");
        }

        Assert.Equal(Accounts, woken.Count);
    }

    private (IActorRef Partition, Akka.TestKit.TestProbe Accounts) Start()
    {
        var accounts = CreateTestProbe();
        var partition = Sys.ActorOf(PostingPartitionActor.PropsFor(Partition, accounts.Ref, NoPostingHistory.Instance));
        for (var i = 0; i < Accounts; i++)
        {
            partition.Tell(new NextDueChanged(Partition, $"acc-{i:D3}", Hour));
        }

        return (partition, accounts);
    }

    private static List<string> ExpectWakes(Akka.TestKit.TestProbe accounts, int count)
    {
        var woken = Enumerable.Range(0, count).Select(_ => accounts.ExpectMsg<WakeUp>(TimeSpan.FromSeconds(10)).AccountId).ToList();
        accounts.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        return woken;
    }
}
