using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Tests;

/// <summary>A scenario file is bound strictly: what is wrong is refused, naming the field.</summary>
public sealed class ScenarioFileTests
{
    [Fact]
    public void A_json_scenario_with_an_unknown_field_is_refused_naming_it()
    {
        var refused = Assert.Throws<ScenarioException>(() => ScenarioFile.FromJson("""{ "accounts": 5, "acounts": 6 }"""));

        Assert.Equal("acounts", refused.Field);
        Assert.Contains("acounts", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hocon_scenario_with_an_unknown_nested_field_is_refused_naming_it()
    {
        var refused = Assert.Throws<ScenarioException>(() => ScenarioFile.FromHocon("""
            accounts = 5
            agency {
              responsesPerHr = 3
            }
            """));

        Assert.Equal("agency.responsesPerHr", refused.Field);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_naming_its_field()
    {
        var refused = Assert.Throws<ScenarioException>(() => ScenarioFile.FromJson("""{ "audience": { "spikeRate": "often" } }"""));

        Assert.Equal("audience.spikeRate", refused.Field);
    }

    [Theory]
    [InlineData("""{ "accounts": 0 }""", "accounts")]
    [InlineData("""{ "days": 0 }""", "days")]
    [InlineData("""{ "channelsPerAccount": 12 }""", "channelsPerAccount")]
    [InlineData("""{ "stepMinutes": 7 }""", "stepMinutes")]
    [InlineData("""{ "timeZones": ["Mars/Olympus"] }""", "timeZones[0]")]
    [InlineData("""{ "clients": { "slow": 2 } }""", "clients.slow")]
    [InlineData("""{ "networkFaults": { "outages": [ { "network": "X", "day": 400 } ] } }""", "networkFaults.outages[0].day")]
    [InlineData("""{ "networks": ["X", "X"] }""", "networks")]
    public void A_value_out_of_range_is_refused_naming_its_field(string json, string field)
    {
        var refused = Assert.Throws<ScenarioException>(() => ScenarioFile.FromJson(json));

        Assert.Equal(field, refused.Field);
    }

    [Fact]
    public void A_file_that_is_not_json_is_refused()
    {
        var refused = Assert.Throws<ScenarioException>(() => ScenarioFile.FromJson("{ accounts: "));

        Assert.Equal("scenario", refused.Field);
    }

    [Fact]
    public void A_missing_file_is_refused()
    {
        var refused = Assert.Throws<ScenarioException>(() => ScenarioFile.Load("/nowhere/scenario.json"));

        Assert.Contains("does not exist", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_example_scenario_loads()
    {
        var folder = Path.Combine(RepositoryRoot(), "hocon", "scenarios");
        var files = Directory.GetFiles(folder);

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var scenario = ScenarioFile.Load(file);
            Assert.False(string.IsNullOrWhiteSpace(scenario.Name), file);
        }
    }

    [Fact]
    public void The_same_scenario_reads_the_same_from_hocon_and_json()
    {
        var fromHocon = ScenarioFile.FromHocon("""
            name = twins
            seed = 3
            accounts = 40
            audience { spikeRate = 0.02 }
            networkFaults { outages = [ { network = LinkedIn, day = 2, hour = 9, hours = 1.5 } ] }
            """);
        var fromJson = ScenarioFile.FromJson("""
            { "name": "twins", "seed": 3, "accounts": 40, "audience": { "spikeRate": 0.02 },
              "networkFaults": { "outages": [ { "network": "LinkedIn", "day": 2, "hour": 9, "hours": 1.5 } ] } }
            """);

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(fromJson, ScenarioFile.Json), System.Text.Json.JsonSerializer.Serialize(fromHocon, ScenarioFile.Json));
    }

    private static string RepositoryRoot()
    {
        var folder = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(folder, "PublishingCluster.sln")))
        {
            folder = Path.GetDirectoryName(folder) ?? throw new InvalidOperationException("No repository above the test binaries.");
        }

        return folder;
    }
}
