using System.CommandLine;
using System.CommandLine.Parsing;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Cli;

/// <summary>
/// Options whose values are read by the simulator's own rules, so that a bad value is refused with the same
/// one-line message wherever it is given ("--days: 'ten' is not a whole number.").
/// </summary>
public static class Flag
{
    /// <summary>An option of one value read by <paramref name="read"/>, which refuses a bad one with a <see cref="ScenarioException"/> naming the flag.</summary>
    public static Option<T?> Of<T>(string name, string value, string description, Func<string, T> read) => new(name)
    {
        HelpName = value,
        Description = description,
        CustomParser = result =>
        {
            try
            {
                return read(result.Tokens[^1].Value);
            }
            catch (ScenarioException e)
            {
                result.AddError(e.Message);
                return default;
            }
        },
    };

    /// <summary>
    /// The first thing wrong with the command line, as a refusal naming the flag: an unknown flag, a flag without its
    /// value, a bad value; null when there is nothing wrong.
    /// </summary>
    public static ScenarioException? Refusal(ParseResult result)
    {
        if (result.UnmatchedTokens.Count > 0)
        {
            return new ScenarioException(result.UnmatchedTokens[0], "unknown flag or argument (--help lists the flags).");
        }

        if (result.Errors.Count == 0)
        {
            return null;
        }

        var error = result.Errors[0];
        if (error.SymbolResult is OptionResult { Option: var option } given && given.Tokens.Count != 1)
        {
            return new ScenarioException(option.Name, given.Tokens.Count == 0 ? "needs a value." : "is given more than once.");
        }

        // The options' own readers name their flag first ("--days: 'ten' is not a whole number.").
        var colon = error.Message.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && error.Message.StartsWith('-')
            ? new ScenarioException(error.Message[..colon], error.Message[(colon + 2)..])
            : new ScenarioException(error.SymbolResult is OptionResult { Option: var named } ? named.Name : "simulate", error.Message);
    }
}
