using Akka.Actor;
using Akka.Persistence.Query;
using Microsoft.Extensions.DependencyInjection;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Audit;
using PublishingCluster.Server.Hosting;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// The node's own events-by-tag reads, on tables the real journal wrote, on SQLite and on PostgreSQL: a tag's events
/// in stored order with all their tags, across batch boundaries and from an offset, and a tag's persistence ids
/// without reading events.
/// </summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class TaggedJournalReaderTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_tags_events_come_in_stored_order_with_their_tags_batch_after_batch_and_from_any_offset(string provider)
    {
        using var folder = new TempFolder();
        await using var host = await StartAsync(provider, folder);
        var accountId = await OpenAccountWithPostsAsync(host, "agency-reads", posts: 3);
        var otherAccountId = await OpenAccountWithPostsAsync(host, "agency-elsewhere", posts: 1);
        // Two rows a query: five audit entries take three queries.
        var reader = ReaderOf(host, batchSize: 2);
        var tag = AuditEntry.TagFor("agency-reads");

        var all = await ReadAllAsync(reader, tag, after: 0);

        var entries = all.Select(e => Assert.IsType<AuditEntry>(e.Event)).ToList();
        Assert.Equal(["OpenAccount", "ConnectChannel", "CreatePost", "CreatePost", "CreatePost"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(accountId, e.AccountId));
        Assert.All(all, e => Assert.Equal(ClientAccountActor.PersistenceIdFor(accountId), e.PersistenceId));
        Assert.All(all, e => Assert.Contains(tag, e.Tags));
        var offsets = all.Select(e => ((Sequence)e.Offset).Value).ToList();
        Assert.Equal(offsets.Order(), offsets);
        Assert.Equal(offsets.Count, offsets.Distinct().Count());
        Assert.Equal(all.Select(e => e.SequenceNr).Order(), all.Select(e => e.SequenceNr));

        var rest = await ReadAllAsync(reader, tag, after: offsets[1]);
        Assert.Equal(offsets[2..], rest.Select(e => ((Sequence)e.Offset).Value));
        Assert.Empty(await ReadAllAsync(reader, tag, after: offsets[^1]));
        Assert.DoesNotContain(await ReadAllAsync(reader, AuditEntry.TagFor("agency-elsewhere"), after: 0), e => e.PersistenceId == ClientAccountActor.PersistenceIdFor(accountId));
        Assert.NotEqual(accountId, otherAccountId);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_tags_persistence_ids_come_with_the_last_offset_without_reading_events(string provider)
    {
        using var folder = new TempFolder();
        await using var host = await StartAsync(provider, folder);
        var accountId = await OpenAccountWithPostsAsync(host, "agency-ids", posts: 2);
        await OpenAccountWithPostsAsync(host, "agency-ids-elsewhere", posts: 1);
        var reader = ReaderOf(host, batchSize: TaggedJournalReader.DefaultBatchSize);
        var tag = AuditEntry.TagFor("agency-ids");
        var lastOffset = ((Sequence)(await ReadAllAsync(reader, tag, after: 0))[^1].Offset).Value;

        var (ids, offset) = await reader.PersistenceIdsAsync(tag, 0, CancellationToken.None);
        Assert.Equal([ClientAccountActor.PersistenceIdFor(accountId)], ids);
        Assert.Equal(lastOffset, offset);

        var (none, unchanged) = await reader.PersistenceIdsAsync(tag, lastOffset, CancellationToken.None);
        Assert.Empty(none);
        Assert.Equal(lastOffset, unchanged);
    }

    private async Task<ServerHost> StartAsync(string provider, TempFolder folder)
    {
        var settings = provider == "postgres"
            ? new Dictionary<string, string?> { ["Node:Provider"] = "postgres", ["Node:ConnectionString"] = await postgres.CreateDatabaseAsync() }
            : [];
        return await ServerHost.StartAsync(folder.File("journal.db"), settings);
    }

    private static TaggedJournalReader ReaderOf(ServerHost host, int batchSize)
    {
        var system = host.Services.GetRequiredService<ActorSystem>();
        return TaggedJournalReader.For(host.Services.GetRequiredService<JournalDatabase>(), () => system, batchSize);
    }

    private static async Task<string> OpenAccountWithPostsAsync(ServerHost host, string agencyId, int posts)
    {
        using var admin = await Tenancy.AgencyAdminAsync(host, agencyId);
        var accountId = (await admin.PostJsonAsync("/accounts", Requests.OpenAccount())).Ok()["accountId"]!.GetValue<string>();
        var channelId = (await admin.PostJsonAsync($"/accounts/{accountId}/channels", Requests.ConnectChannel())).Ok()["channel"]!["channelId"]!.GetValue<string>();
        for (var i = 0; i < posts; i++)
        {
            (await admin.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost(channelId, $"Post {i}"))).Ok();
        }

        return accountId;
    }

    private static async Task<List<EventEnvelope>> ReadAllAsync(TaggedJournalReader reader, string tag, long after)
    {
        var read = new List<EventEnvelope>();
        await foreach (var envelope in reader.EventsAsync(tag, after, CancellationToken.None))
        {
            read.Add(envelope);
        }

        return read;
    }
}
