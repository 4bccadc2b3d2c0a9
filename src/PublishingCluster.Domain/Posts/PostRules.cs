using System.Collections.Immutable;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;

namespace PublishingCluster.Domain.Posts;

/// <summary>Checks on a post's content against the channels it is written for.</summary>
public static class PostRules
{
    public const int MaxTitleLength = 200;
    public const int MaxVariants = 16;
    public const int MaxMediaReferenceLength = 2048;

    public static Rejection? ValidateContent(
        string title,
        IReadOnlyList<VariantContent> variants,
        IReadOnlyDictionary<string, Channel> channels)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Length > MaxTitleLength)
        {
            return Rejection.Invalid("title", "post.title-invalid", $"A title of 1 to {MaxTitleLength} characters is required.");
        }

        if (variants is null)
        {
            return Rejection.Missing("variants");
        }

        if (variants.Count == 0)
        {
            return Rejection.Invalid("variants", "post.variants-empty", "A post needs at least one channel variant.");
        }

        if (variants.Count > MaxVariants)
        {
            return Rejection.Invalid("variants", "post.variants-too-many", $"At most {MaxVariants} variants per post.");
        }

        for (var i = 0; i < variants.Count; i++)
        {
            var variant = variants[i];
            var at = $"variants[{i}]";
            if (variant is null || variant.ChannelId is null || variant.Media is null)
            {
                return Rejection.Missing(variant is null ? at : variant.ChannelId is null ? $"{at}.channelId" : $"{at}.media");
            }

            if (!channels.TryGetValue(variant.ChannelId, out var channel))
            {
                return Rejection.Rule($"{at}.channelId", "post.channel-unknown", $"The account has no channel '{variant.ChannelId}'.");
            }

            if (variants.Take(i).Any(v => v.ChannelId == variant.ChannelId))
            {
                return Rejection.Invalid($"{at}.channelId", "post.channel-duplicate", $"Channel '{variant.ChannelId}' has two variants.");
            }

            if (string.IsNullOrWhiteSpace(variant.Text))
            {
                return Rejection.Invalid($"{at}.text", "post.text-empty", "A variant needs text.");
            }

            var rules = channel.Rules;
            var length = NetworkRules.LengthOf(variant.Text);
            if (length > rules.TextLimit)
            {
                return Rejection.Rule($"{at}.text", "channel.text-too-long",
                    $"{rules.Network} allows {rules.TextLimit} characters; this text has {length}.");
            }

            if (variant.Media.Count > rules.MaxMedia)
            {
                return Rejection.Rule($"{at}.media", "channel.media-too-many",
                    $"{rules.Network} allows {rules.MaxMedia} media items per post; this variant has {variant.Media.Count}.");
            }

            for (var m = 0; m < variant.Media.Count; m++)
            {
                var media = variant.Media[m];
                if (string.IsNullOrWhiteSpace(media) || media.Length > MaxMediaReferenceLength)
                {
                    return Rejection.Invalid($"{at}.media[{m}]", "post.media-invalid", $"A media reference of 1 to {MaxMediaReferenceLength} characters is required.");
                }
            }
        }

        return null;
    }
}

/// <summary>The content of one variant as a command supplies it.</summary>
public sealed record VariantContent(string ChannelId, string Text, ImmutableList<string> Media);
