using System.Collections.Immutable;
using PublishingCluster.Domain.Agencies;

namespace PublishingCluster.Domain.Tests.Agencies;

/// <summary>Agencies and their API keys: issuing by role, revoking, and checking a presented key.</summary>
public sealed class AgencyDeciderTests
{
    private const string AgencyId = "agency-1";
    private const string Hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_agency_registers_once()
    {
        var registered = Registered();

        var again = AgencyDecider.Decide(registered, new RegisterAgency(AgencyId, "Again"), Now);

        Assert.Equal("Northwind Social", registered.Name);
        Assert.Equal(1, registered.Version);
        Assert.Null(again.Event);
        Assert.Equal("agency.already-registered", again.Rejection?.Code);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("ümlaut")]
    public void An_agency_id_must_be_safe_in_urls_and_tokens(string id)
    {
        var (@event, rejection) = AgencyDecider.Decide(AgencyState.Unregistered(id), new RegisterAgency(id, "Name"), Now);

        Assert.Null(@event);
        Assert.Equal("agency.id-invalid", rejection?.Code);
    }

    [Fact]
    public void Keys_cannot_be_issued_for_an_agency_that_is_not_registered()
    {
        var (@event, rejection) = AgencyDecider.Decide(AgencyState.Unregistered(AgencyId), Issue("k1", AgencyRole.AgencyAdmin), Now);

        Assert.Null(@event);
        Assert.Equal("agency.not-found", rejection?.Code);
    }

    [Fact]
    public void An_issued_key_authenticates_with_its_secret_hash_only()
    {
        var agency = Apply(Registered(), Issue("k1", AgencyRole.AgencyAdmin));

        var key = AgencyDecider.Authenticate(agency, "k1", Hash);

        Assert.NotNull(key);
        Assert.Equal(AgencyRole.AgencyAdmin, key.Role);
        Assert.Null(AgencyDecider.Authenticate(agency, "k1", Hash[..^1] + "9")); // same length, one character off
        Assert.Null(AgencyDecider.Authenticate(agency, "k1", Hash[..10])); // a prefix
        Assert.Null(AgencyDecider.Authenticate(agency, "k1", ""));
        Assert.Null(AgencyDecider.Authenticate(agency, "k2", Hash));
    }

    [Fact]
    public void A_revoked_key_no_longer_authenticates_and_cannot_be_revoked_twice()
    {
        var agency = Apply(Apply(Registered(), Issue("k1", AgencyRole.AgencyAdmin)), new RevokeApiKey(AgencyId, "k1"));

        var again = AgencyDecider.Decide(agency, new RevokeApiKey(AgencyId, "k1"), Now);

        Assert.Null(AgencyDecider.Authenticate(agency, "k1", Hash));
        Assert.Equal(Now, agency.Keys["k1"].RevokedAt);
        Assert.Equal("key.already-revoked", again.Rejection?.Code);
        Assert.Equal("key.not-found", AgencyDecider.Decide(agency, new RevokeApiKey(AgencyId, "k9"), Now).Rejection?.Code);
    }

    [Fact]
    public void A_key_id_is_issued_once()
    {
        var agency = Apply(Registered(), Issue("k1", AgencyRole.AgencyAdmin));

        Assert.Equal("key.exists", AgencyDecider.Decide(agency, Issue("k1", AgencyRole.AgencyAdmin), Now).Rejection?.Code);
    }

    [Theory]
    [InlineData(AgencyRole.AgencyAdmin, 0, true)]
    [InlineData(AgencyRole.AgencyAdmin, 1, false)]
    [InlineData(AgencyRole.AccountManager, 0, false)]
    [InlineData(AgencyRole.AccountManager, 3, true)]
    [InlineData(AgencyRole.ClientReviewer, 0, false)]
    [InlineData(AgencyRole.ClientReviewer, 1, true)]
    [InlineData(AgencyRole.ClientReviewer, 2, false)]
    public void The_accounts_a_key_names_must_fit_its_role(AgencyRole role, int accounts, bool allowed)
    {
        var (@event, rejection) = AgencyDecider.Decide(Registered(), Issue("k1", role, [.. Enumerable.Range(0, accounts).Select(i => $"acc-{i}")]), Now);

        Assert.Equal(allowed, @event is ApiKeyIssued);
        Assert.Equal(allowed ? null : "key.accounts-for-role", rejection?.Code);
    }

    [Fact]
    public void Account_ids_on_a_key_must_be_distinct_and_well_formed()
    {
        var agency = Registered();

        Assert.Equal("key.accounts-invalid", AgencyDecider.Decide(agency, Issue("k1", AgencyRole.AccountManager, ["acc-1", "acc-1"]), Now).Rejection?.Code);
        Assert.Equal("key.accounts-invalid", AgencyDecider.Decide(agency, Issue("k1", AgencyRole.AccountManager, ["acc/1"]), Now).Rejection?.Code);
    }

    private static AgencyState Registered() => Apply(AgencyState.Unregistered(AgencyId), new RegisterAgency(AgencyId, "  Northwind Social "));

    private static IssueApiKey Issue(string keyId, AgencyRole role, ImmutableList<string>? accounts = null) =>
        new(AgencyId, keyId, "Ada's laptop", role, accounts ?? [], Hash);

    private static AgencyState Apply(AgencyState state, IAgencyCommand command)
    {
        var (@event, rejection) = AgencyDecider.Decide(state, command, Now);
        Assert.True(@event is not null, $"{command} was refused during setup: {rejection}");
        return AgencyDecider.Evolve(state, @event);
    }
}
