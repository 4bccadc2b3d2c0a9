using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace PublishingCluster.Domain.Engagement;

public enum Sentiment
{
    Positive,
    Neutral,
    Negative,
}

/// <summary>
/// A keyword classifier for engagements that arrive without a sentiment: it counts positive and negative words
/// (case and accents ignored), lets a negation just before a word turn it round ("not happy"), and calls the text
/// by the larger count; ties and texts with neither are neutral. Crude by design: it is a fallback and its
/// verdict is explainable to a client.
/// </summary>
public static class SentimentClassifier
{
    private static readonly FrozenSet<string> PositiveWords = FrozenSet.ToFrozenSet(
    [
        "love", "loved", "great", "amazing", "awesome", "excellent", "thanks", "thank", "happy", "delicious",
        "perfect", "fantastic", "wonderful", "best", "recommend", "brilliant", "nice", "good", "beautiful", "helpful",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> NegativeWords = FrozenSet.ToFrozenSet(
    [
        "hate", "hated", "terrible", "awful", "worst", "bad", "disappointed", "disappointing", "refund", "broken",
        "rude", "scam", "never", "angry", "disgusting", "poor", "useless", "complaint", "cold", "late", "wrong", "sick",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> Negations = FrozenSet.ToFrozenSet(
        ["not", "no", "isnt", "wasnt", "dont", "didnt", "doesnt", "cant", "wont", "hardly"], StringComparer.Ordinal);

    public static Sentiment Classify(string text)
    {
        var score = 0;
        var negated = false;
        foreach (var word in Words(text))
        {
            var sign = PositiveWords.Contains(word) ? 1 : NegativeWords.Contains(word) ? -1 : 0;
            score += negated ? -sign : sign;
            negated = Negations.Contains(word);
        }

        return score > 0 ? Sentiment.Positive : score < 0 ? Sentiment.Negative : Sentiment.Neutral;
    }

    /// <summary>Lower-case words without accents or apostrophes ("Didn't" reads "didnt").</summary>
    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '\u2019')
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
