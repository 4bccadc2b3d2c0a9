using System.Collections.Immutable;
using System.Text;
using PublishingCluster.Channels.Simulated;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Simulation.Agency;

/// <summary>
/// Writes a post's variants: tailored ones have the length and media each network's audience likes
/// (<see cref="VariantFit"/>); the rest reuse one mid-length text without media everywhere.
/// </summary>
public static class PostWriter
{
    private const string Words = "Our spring collection is here with fresh ideas for your home and garden, made by local makers who care about every detail ";

    public static ImmutableList<VariantContent> Variants(AccountBlueprint account, string postId, bool tailored)
    {
        var variants = new List<VariantContent>();
        for (var c = 0; c < account.Networks.Count; c++)
        {
            var network = account.Networks[c];
            var length = tailored ? VariantFit.IdealLength(network) : 200;
            var limit = NetworkRules.For(network).TextLimit;
            var text = Text($"{postId}: ", Math.Min(length, limit));
            ImmutableList<string> media = tailored && VariantFit.WantsMedia(network) ? [$"https://media.example/{account.AccountId}/{postId}.jpg"] : [];
            variants.Add(new VariantContent(account.ChannelIdOf(c), text, media));
        }

        return [.. variants];
    }

    private static string Text(string prefix, int length)
    {
        var text = new StringBuilder(prefix);
        while (text.Length < length)
        {
            text.Append(Words);
        }

        return text.ToString(0, length).TrimEnd();
    }
}
