namespace PublishingCluster.Cmd;

/// <summary>What pbm's exit code says, for scripts.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The node could not do it, or what it names does not exist.</summary>
    public const int Failed = 1;

    /// <summary>A bad argument, an unknown palette or command.</summary>
    public const int Usage = 2;

    /// <summary>The node cannot be reached.</summary>
    public const int Unreachable = 3;

    /// <summary>The node refused the token (or its absence).</summary>
    public const int Unauthorized = 4;

    public static int ForError(string? code) => code switch
    {
        "usage" => Usage,
        "unauthorized" => Unauthorized,
        _ => Failed,
    };
}
