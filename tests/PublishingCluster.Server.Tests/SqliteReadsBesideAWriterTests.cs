using Microsoft.Data.Sqlite;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>
/// On the embedded SQLite journal, reads go on while a writer holds the file's write lock: an account's recovery
/// (its snapshot and events) and an events-by-tag query (the audit trail) answer while another connection sits in a
/// write transaction. SQLite has one writer; if reads queued for its lock, a node waking thousands of accounts
/// would wait behind every batch of writes and fail recoveries with "database is locked" (hocon/persistence.sqlite.hocon).
/// </summary>
public sealed class SqliteReadsBesideAWriterTests
{
    // Far below the 30 s SQLite busy timeout after which a read that queued for the write lock would fail.
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_account_recovers_and_the_audit_trail_reads_while_another_connection_holds_the_write_lock()
    {
        using var folder = new TempFolder();
        var database = folder.File("journal.db");
        string token;
        string accountId;
        await using (var first = await ServerHost.StartAsync(database))
        {
            await Tenancy.RegisterAgencyAsync(first, "agency-locks");
            token = await Tenancy.IssueKeyAsync(first, "agency-locks", "AgencyAdmin");
            using var admin = first.CreateClient(token);
            accountId = (await admin.PostJsonAsync("/accounts", Requests.OpenAccount(name: "Locked Out Ltd"))).Ok()["accountId"]!.GetValue<string>();
            var channelId = (await admin.PostJsonAsync($"/accounts/{accountId}/channels", Requests.ConnectChannel())).Ok()["channel"]!["channelId"]!.GetValue<string>();
            (await admin.PostJsonAsync($"/accounts/{accountId}/posts", Requests.CreatePost(channelId, "Written before the lock"))).Ok();
        }

        // A new node on the same file: the account is not in memory, so reading it means recovering it.
        await using var second = await ServerHost.StartAsync(database);
        using var client = second.CreateClient(token);
        // The agency (which checks the key) wakes first, outside the test: the lock below is for the account's read.
        await client.GetJsonAsync("/agency");

        await using var writer = new SqliteConnection($"Data Source={database};Pooling=False");
        await writer.OpenAsync();
        await using var hold = writer.CreateCommand();
        hold.CommandText = "BEGIN IMMEDIATE;";
        await hold.ExecuteNonQueryAsync();
        try
        {
            using var limit = new CancellationTokenSource(ReadLimit);
            var account = await client.GetAsync($"/accounts/{accountId}", limit.Token);
            Assert.True(account.IsSuccessStatusCode, $"GET /accounts/{accountId} answered {(int)account.StatusCode} while a writer held the lock");
            var body = System.Text.Json.Nodes.JsonNode.Parse(await account.Content.ReadAsStringAsync(limit.Token))!;
            Assert.Equal("Locked Out Ltd", body["name"]!.GetValue<string>());
            Assert.Equal(1, body["postsByStatus"]!["Draft"]!.GetValue<int>());

            var audit = await client.GetAsync($"/agency/audit?accountId={accountId}", limit.Token);
            Assert.True(audit.IsSuccessStatusCode, $"GET /agency/audit answered {(int)audit.StatusCode} while a writer held the lock");
            var entries = System.Text.Json.Nodes.JsonNode.Parse(await audit.Content.ReadAsStringAsync(limit.Token))!;
            Assert.NotEmpty(entries["entries"]!.AsArray());
        }
        finally
        {
            hold.CommandText = "ROLLBACK;";
            await hold.ExecuteNonQueryAsync();
        }
    }
}
