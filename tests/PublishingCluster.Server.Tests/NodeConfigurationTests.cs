using PublishingCluster.Server.Hosting;
using PublishingCluster.Server.Security;
using PublishingCluster.Server.Tests.Support;

namespace PublishingCluster.Server.Tests;

/// <summary>A node given a persistence or cluster setting it cannot use refuses to start, saying which setting and why.</summary>
public sealed class NodeConfigurationTests
{
    [Fact]
    public void The_postgres_provider_without_a_connection_string_is_refused_naming_the_flag()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new JournalDatabase(new NodeOptions { Provider = "postgres" }));
        Assert.Contains("--connection-string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_postgres_connection_string_is_refused_before_the_node_starts()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new JournalDatabase(new NodeOptions { Provider = "postgres", ConnectionString = "Host=127.0.0.1;Colour=blue" }));
        Assert.Contains("connection string is not valid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_provider_is_refused_listing_the_known_ones()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new JournalDatabase(new NodeOptions { Provider = "oracle" }));
        Assert.Contains("'sqlite' and 'postgres'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_postgres_provider_is_chosen_whatever_the_case_of_its_name()
    {
        var journal = new JournalDatabase(new NodeOptions { Provider = "Postgres", ConnectionString = "Host=127.0.0.1;Port=5432;Database=pc;Username=pc" });
        Assert.True(journal.IsPostgres);
        Assert.Equal("postgres", journal.Provider);
        Assert.Contains("Database=pc", journal.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("7200")]
    public async Task A_split_brain_wait_out_of_range_stops_the_node_at_start(string seconds)
    {
        using var folder = new TempFolder();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(folder.File("journal.db"), "--stable-after", seconds));
        Assert.Contains("--stable-after must be more than 0 and at most 3600 seconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wire_format_the_node_does_not_know_stops_the_node_at_start()
    {
        using var folder = new TempFolder();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(folder.File("journal.db"), "--wire-format", "protobuf"));
        Assert.Contains("--wire-format must be 'protocol' or 'json'; it is 'protobuf'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_started_on_postgres_without_a_connection_string_exits_with_the_reason()
    {
        using var folder = new TempFolder();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(folder.File("journal.db"), "--provider", "postgres"));
        Assert.Contains("needs a connection string", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 60, "--auth-failure-limit must be at least 1")]
    [InlineData(20, 0, "--auth-failure-window must be more than 0 and at most 86400 seconds")]
    [InlineData(20, 90_000, "--auth-failure-window must be more than 0 and at most 86400 seconds")]
    public void A_failed_authentication_limit_out_of_range_is_refused_naming_the_flag(int limit, double window, string message)
    {
        var node = Microsoft.Extensions.Options.Options.Create(new NodeOptions { AuthFailureLimit = limit, AuthFailureWindowSeconds = window });
        var error = Assert.Throws<InvalidOperationException>(() => new FailedAuthentications(node));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_given_no_allowance_of_failed_authentications_exits_with_the_reason()
    {
        using var folder = new TempFolder();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(folder.File("journal.db"), "--auth-failure-limit", "0"));
        Assert.Contains("--auth-failure-limit must be at least 1", error.Message, StringComparison.Ordinal);
    }
}
