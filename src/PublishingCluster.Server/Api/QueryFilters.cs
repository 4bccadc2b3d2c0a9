namespace PublishingCluster.Server.Api;

/// <summary>Optional query-string filters, read strictly: a value that is given but not understood is a 400 naming it.</summary>
public static class QueryFilters
{
    public static bool TryBool(string? text, string field, out bool? value, out ApiProblem? problem)
    {
        (value, problem) = text switch
        {
            null => (null, null),
            "true" => (true, null),
            "false" => (false, null),
            _ => ((bool?)null, Problems.Invalid(field, "query.invalid", $"Give {field} as true or false.")),
        };
        return problem is null;
    }

    public static bool TryEnum<T>(string? text, string field, out T? value, out ApiProblem? problem)
        where T : struct, Enum
    {
        value = null;
        problem = null;
        if (text is null)
        {
            return true;
        }

        // Exact names only: a number would name whatever the enum happens to hold at that position, and Enum.TryParse
        // also takes padded names and comma-separated lists.
        if (Enum.TryParse<T>(text, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && parsed.ToString() == text)
        {
            value = parsed;
            return true;
        }

        problem = Problems.Invalid(field, "query.invalid", $"Give {field} as one of {string.Join(", ", Enum.GetNames<T>())}.");
        return false;
    }
}
