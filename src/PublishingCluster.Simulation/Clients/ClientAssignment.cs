using PublishingCluster.Channels.Simulated;

namespace PublishingCluster.Simulation.Clients;

/// <summary>
/// Gives each account a behaviour so that the counts follow the mix exactly (largest remainder), and which account
/// gets which is a stable shuffle of the seed: a third of 30 accounts is 10, whatever the seed.
/// </summary>
public static class ClientAssignment
{
    public static IReadOnlyDictionary<string, ClientBehaviour> Assign(IReadOnlyList<string> accountIds, IReadOnlyList<(ClientBehaviour Behaviour, double Share)> mix, int seed)
    {
        var total = mix.Sum(m => m.Share);
        var exact = mix.Select(m => (m.Behaviour, Count: m.Share / total * accountIds.Count)).ToList();
        var counts = exact.ToDictionary(e => e.Behaviour, e => (int)Math.Floor(e.Count));
        var left = accountIds.Count - counts.Values.Sum();
        foreach (var (behaviour, _) in exact.OrderByDescending(e => e.Count - Math.Floor(e.Count)).ThenBy(e => e.Behaviour).Take(left))
        {
            counts[behaviour]++;
        }

        var shuffled = accountIds.OrderBy(id => StableChance.Of(seed, "client", id, 0)).ThenBy(id => id, StringComparer.Ordinal).ToList();
        var assigned = new Dictionary<string, ClientBehaviour>(StringComparer.Ordinal);
        var next = 0;
        foreach (var (behaviour, _) in mix)
        {
            for (var i = 0; i < counts[behaviour]; i++)
            {
                assigned[shuffled[next++]] = behaviour;
            }
        }

        return assigned;
    }
}
