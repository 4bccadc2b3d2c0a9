using System.Collections.Immutable;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Contracts;

namespace PublishingCluster.Domain.Tests.Fixtures;

/// <summary>Valid contracts to open accounts on; each test changes only the part it is about.</summary>
public static class SampleContracts
{
    public static Contract Covering(int postsPerWeek, params Network[] networks) => new(
        [.. networks.Select(n => new ChannelScope(n, postsPerWeek))],
        new Roles("Ada Lovelace", "Grace Hopper"),
        new Budget(2500m, "EUR", 20m, 300m),
        ReportingCadence.Monthly,
        new ResponseSla(
            FirstResponseMinutes: 120,
            NegativeFirstResponseMinutes: 30,
            new BusinessHours("Europe/London", [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new TimeOnly(9, 0), new TimeOnly(17, 30))),
        new ContactPolicy(ContactMedium.Email, MaxContactsPerWeek: 2),
        ImmutableList<Goal>.Empty);

    /// <summary>Every network, with a weekly allowance high enough that it never gets in a test's way.</summary>
    public static Contract AllNetworks(int postsPerWeek = ContractRules.MaxPostsPerWeekPerChannel) =>
        Covering(postsPerWeek, Enum.GetValues<Network>());
}
