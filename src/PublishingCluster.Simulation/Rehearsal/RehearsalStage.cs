using PublishingCluster.Domain.Accounts;
using PublishingCluster.Simulation.Running;
using PublishingCluster.Simulation.Scenarios;

namespace PublishingCluster.Simulation.Rehearsal;

/// <summary>
/// What the parts of a rehearsal share: the scenario as played (starting at the server's time), the connection and
/// the agency's key, the accounts, and the clients' actions planned for later; with the bounded fan-out they all
/// send through, each account's requests in their order and accounts side by side up to the concurrency.
/// </summary>
public sealed class RehearsalStage(Scenario scenario, ApiConnection api, string agencyKey, bool agencyKeyGiven, int concurrency)
{
    private readonly ScheduledActions _planned = new();
    private readonly Lock _gate = new();

    public Scenario Scenario => scenario;

    public ApiConnection Api => api;

    public string AgencyKey => agencyKey;

    /// <summary>Whether the key was given (<c>--agency-key</c>) rather than issued for the rehearsal.</summary>
    public bool AgencyKeyGiven => agencyKeyGiven;

    public int Concurrency => concurrency;

    public List<RehearsalAccount> Accounts { get; } = [];

    public Dictionary<string, RehearsalAccount> ByServerId { get; } = new(StringComparer.Ordinal);

    public void Plan(IEnumerable<(DateTimeOffset At, IAccountCommand Command)> actions)
    {
        lock (_gate)
        {
            foreach (var (at, command) in actions)
            {
                _planned.Plan(at, command);
            }
        }
    }

    public List<IAccountCommand> TakeDue(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _planned.TakeDue(now);
        }
    }

    /// <summary>Sends the commands, each account's in their order, accounts side by side up to the concurrency.</summary>
    public Task SendAsync(List<IAccountCommand> commands, CancellationToken cancellationToken) =>
        ForEachAsync(commands.GroupBy(c => c.AccountId).ToList(), async (group, ct) =>
        {
            foreach (var command in group)
            {
                await SendAsync(command, ct);
            }
        }, cancellationToken);

    public async Task SendAsync(IAccountCommand command, CancellationToken cancellationToken)
    {
        var request = HttpCommands.Of(command);
        await api.PostAsync(request.Kind, request.Path, agencyKey, request.Body, cancellationToken);
    }

    public Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, Task> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (item, ct) => await body(item, ct));
}
