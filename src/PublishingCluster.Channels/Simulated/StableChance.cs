using System.Text;

namespace PublishingCluster.Channels.Simulated;

/// <summary>
/// A number in [0, 1) that depends only on its inputs (64-bit FNV-1a over their UTF-8 bytes), so a simulated
/// network's choices repeat exactly for the same seed, key and attempt, across runs, processes and machines
/// (<see cref="string.GetHashCode()"/> is randomised per process and would not).
/// </summary>
public static class StableChance
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static double Of(int seed, string purpose, string key, int attempt) =>
        (Mix(Hash($"{seed}|{purpose}|{key}|{attempt}")) >> 11) * (1.0 / (1UL << 53));

    public static ulong Hash(string text)
    {
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }

    /// <summary>
    /// MurmurHash3's 64-bit finaliser. FNV-1a alone barely moves its high bits when only the last character
    /// changes ("...|1" and "...|2"), so consecutive attempts of one key drew almost the same chance and a key that
    /// failed once failed again and again; mixed, every bit of the input reaches every bit of the output.
    /// </summary>
    private static ulong Mix(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;
        return hash;
    }
}
