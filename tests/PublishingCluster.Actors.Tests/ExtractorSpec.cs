using System.Collections.Immutable;
using Akka.Cluster.Sharding;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Agencies;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Actors.Sharding;
using PublishingCluster.Channels;
using PublishingCluster.Domain.Agencies;
using PublishingCluster.Domain.Publishing;

namespace PublishingCluster.Actors.Tests;

/// <summary>
/// Routing must not move an entity between shards from one run or one node to the next: the shard of an id is pinned
/// here, so a change to a process-seeded hash (such as <see cref="string.GetHashCode()"/>) or to the shard arithmetic
/// fails. Every message of each kind names its entity and lands in range.
/// </summary>
public sealed class ExtractorSpec
{
    private const int Shards = 100;
    private static readonly DateTimeOffset At = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<object> AccountMessages =>
    [
        new Execute(new PublishDue("acc-00042"), At),
        new GetAccount("acc-00042"),
        new GetPost("acc-00042", "post-1"),
        new GetCalendar("acc-00042", At, At.AddDays(7)),
        new GetChannelQueue("acc-00042", "ch-0", At),
        new WakeUp("acc-00042", At),
        new ReportNextDue("acc-00042"),
        new PublishAnswered("acc-00042", "post-1", "ch-0", new PublishOutcome.Published("x-1", At), At),
        new LookupAnswered("acc-00042", "post-1", "ch-0", new LookupOutcome.NotFound(), At),
    ];

    [Theory]
    [MemberData(nameof(AccountMessages))]
    public void Every_account_message_routes_to_its_account(object message)
    {
        var extractor = new AccountMessageExtractor(Shards);

        Assert.Equal("acc-00042", extractor.EntityId(message));
        Assert.Equal(ShardOf(extractor, new GetAccount("acc-00042")), ShardOf(extractor, message));
        Assert.Same(message, extractor.EntityMessage(message));
    }

    [Theory]
    [InlineData("acc-00042", "43")]
    [InlineData("acc-00001", "0")]
    [InlineData("acc-99999", "27")]
    [InlineData("client-öü-😀", "14")]
    public void An_account_shard_is_pinned_across_runs(string accountId, string shard)
    {
        Assert.Equal(shard, ShardOf(new AccountMessageExtractor(Shards), new GetAccount(accountId)));
    }

    [Fact]
    public void Account_shards_are_in_range_and_spread()
    {
        var extractor = new AccountMessageExtractor(Shards);

        var shards = Enumerable.Range(0, 5_000).Select(i => int.Parse(ShardOf(extractor, new GetAccount($"acc-{i:D5}")), System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.All(shards, s => Assert.InRange(s, 0, Shards - 1));
        Assert.Equal(Shards, shards.Distinct().Count());
        Assert.True(shards.GroupBy(s => s).Max(g => g.Count()) < 100, "one shard holds twice its share");
    }

    [Fact]
    public void Every_agency_message_routes_to_its_agency()
    {
        var extractor = new AgencyMessageExtractor(Shards);
        object[] messages =
        [
            new ExecuteAgency(new RegisterAgency("agency-7", "Agency Seven"), At),
            new GetAgency("agency-7"),
            new Authenticate("agency-7", "key-1", "hash"),
        ];

        Assert.All(messages, m => Assert.Equal("agency-7", extractor.EntityId(m)));
        Assert.Single(messages.Select(m => ShardOf(extractor, m)).Distinct());
        Assert.Equal("40", ShardOf(extractor, new GetAgency("agency-7")));
    }

    [Fact]
    public void Every_posting_message_routes_to_its_partition()
    {
        var extractor = new PostingMessageExtractor(Shards);
        object[] messages = [new Tick("p3", At), new NextDueChanged("p3", "acc-1", At), new GetDue("p3", At)];

        Assert.All(messages, m => Assert.Equal("p3", extractor.EntityId(m)));
        Assert.Single(messages.Select(m => ShardOf(extractor, m)).Distinct());
        Assert.Equal("97", ShardOf(extractor, new Tick("p3", At)));
    }

    /// <summary>As the shard region asks: the entity id first, then its shard.</summary>
    private static string ShardOf(HashCodeMessageExtractor extractor, object message) =>
        extractor.ShardId(extractor.EntityId(message) ?? throw new ArgumentException($"No entity in {message}"), message);

    [Fact]
    public void A_message_of_another_kind_has_no_entity()
    {
        Assert.Null(new AccountMessageExtractor(Shards).EntityId(new GetAgency("agency-7")));
        Assert.Null(new AgencyMessageExtractor(Shards).EntityId(new GetAccount("acc-1")));
        Assert.Null(new PostingMessageExtractor(Shards).EntityId(new GetAccount("acc-1")));
    }

    [Fact]
    public void An_account_keeps_its_posting_partition_and_partitions_are_in_range()
    {
        var partitions = new PostingPartitions(16);

        var assigned = Enumerable.Range(0, 2_000).Select(i => partitions.For($"acc-{i:D5}")).ToList();

        Assert.Equal("p7", new PostingPartitions(16).For("acc-00042"));
        Assert.All(assigned, p => Assert.Contains(p, partitions.All));
        Assert.Equal(16, assigned.Distinct().Count());
        Assert.Equal(ImmutableSortedSet.Create(StringComparer.Ordinal, [.. partitions.All]).Count, partitions.All.Count());
    }
}
