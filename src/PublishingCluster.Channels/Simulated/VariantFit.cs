using PublishingCluster.Domain.Channels;

namespace PublishingCluster.Channels.Simulated;

/// <summary>
/// How well a variant suits its network, in (0, 1]: its length against the length the network's audience reads
/// (short on X, long on LinkedIn), and whether it brings the media a visual network expects. A post written for one
/// network and pasted into another scores low; one written for its network scores near 1.
/// </summary>
public static class VariantFit
{
    private static readonly Dictionary<Network, (int IdealLength, bool WantsMedia)> Ideals = new()
    {
        [Network.X] = (110, false),
        [Network.LinkedIn] = (700, false),
        [Network.Facebook] = (120, false),
        [Network.Instagram] = (180, true),
        [Network.Pinterest] = (150, true),
        [Network.TikTok] = (120, true),
        [Network.Threads] = (200, false),
        [Network.Bluesky] = (150, false),
        [Network.Mastodon] = (250, false),
    };

    public static int IdealLength(Network network) => Ideals[network].IdealLength;

    public static bool WantsMedia(Network network) => Ideals[network].WantsMedia;

    public static double Of(Network network, string text, int mediaCount)
    {
        var (ideal, wantsMedia) = Ideals[network];
        var length = Math.Max(1, NetworkRules.LengthOf(text));
        // Twice or half the ideal length costs about a third.
        var lengthFit = Math.Exp(-0.6 * Math.Abs(Math.Log((double)length / ideal)));
        var mediaFit = wantsMedia && mediaCount == 0 ? 0.4 : 1.0;
        return Math.Clamp(lengthFit * mediaFit, 0.05, 1.0);
    }
}
