using System.Globalization;

namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>
/// The server's clock, read through the operator route <c>GET /admin/clock</c>: the rehearsal paces itself on it,
/// so it runs as fast as the server's virtual clock does (or in real time). The first read is also how a
/// rehearsal learns that the server is there and takes its operator key; each refusal is told plainly.
/// </summary>
public sealed class ServerClock(ApiConnection api, string? operatorKey)
{
    public async Task<ClockReading> ReadAsync(CancellationToken cancellationToken)
    {
        var answer = await api.GetAsync("clock", "/admin/clock", operatorKey, cancellationToken);
        return answer.Status switch
        {
            null => throw new RehearsalException($"cannot reach the server at {api.BaseAddress}: {answer.Error}"),
            401 => throw new RehearsalException($"the server at {api.BaseAddress} refused the operator key (401 Unauthorized): give the node's --operator-token as --operator-key."),
            403 => throw new RehearsalException($"the server at {api.BaseAddress} refused the operator routes to this key (403 Forbidden): --operator-key must be the node's operator token, not an agency key."),
            404 => throw new RehearsalException($"the server at {api.BaseAddress} has no operator routes here (404): point --server at its admin listener, or start it with --operator-token and give that as --operator-key."),
            >= 200 and < 300 when answer.Body is { } body => new ClockReading(
                body["mode"]!.GetValue<string>(),
                DateTimeOffset.Parse(body["now"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                body["speed"]!.GetValue<double>()),
            _ => throw new RehearsalException($"the server at {api.BaseAddress} answered GET /admin/clock with {answer.Reason}"),
        };
    }
}

/// <summary>The server's clock: "real" or "virtual", its time and its speed (virtual seconds per real second).</summary>
public sealed record ClockReading(string Mode, DateTimeOffset Now, double Speed)
{
    public bool IsVirtual => string.Equals(Mode, "virtual", StringComparison.OrdinalIgnoreCase);

    /// <summary>The wall time <paramref name="simulated"/> of server time takes; null: never (a still virtual clock).</summary>
    public TimeSpan? WallTimeOf(TimeSpan simulated) =>
        !IsVirtual ? simulated : Speed > 0 ? TimeSpan.FromSeconds(simulated.TotalSeconds / Speed) : null;
}
