using Akka.Actor;
using PublishingCluster.Actors.Accounts;

namespace PublishingCluster.LoadTests.Scenarios;

/// <summary>
/// <c>journal-commands</c>: the same create-post commands as <c>accepted-commands</c>, sent straight to account
/// actors inside the runner (no HTTP, no authentication, no JSON on the request path, no sharding hop). Each is
/// answered once its events are durable in SQLite. It shows what the actors and the journal can do on this
/// machine when the request path costs next to nothing, the lightest client there can be.
/// </summary>
public sealed class JournalCommandsScenario
{
    private readonly RunOptions _options;
    private readonly string _folder = Directory.CreateTempSubdirectory("publishingcluster-journal-").FullName;
    private LocalJournal? _journal;
    private (string AccountId, string ChannelId, IActorRef Actor)[] _accounts = [];
    private long _next;

    private JournalCommandsScenario(RunOptions options) => _options = options;

    public static Scenario Create(RunOptions options)
    {
        var fixture = new JournalCommandsScenario(options);
        var step = $"Execute(CreatePost) to the account actor, {options.Journal} journal";
        return new Scenario("journal-commands", step, fixture.CreatePostAsync)
        {
            Init = fixture.InitAsync,
            Clean = fixture.CleanAsync,
            WarmUp = new LoadSimulation.KeepConstant(options.Concurrency.Max(), options.WarmUp),
            Simulations = options.Simulations(),
            Thresholds = options.Thresholds(Threshold.ErrorRate(step, 1), Threshold.P99(step, TimeSpan.FromSeconds(2))),
        };
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        _journal = await LocalJournal.StartAsync(_options.Journal == "memory" ? null : Path.Combine(_folder, "journal.db"), _options.HoconFolder(), cancellationToken);
        var settings = new ClientAccountSettings(SnapshotEvery: _options.SnapshotEvery);
        _accounts = new (string, string, IActorRef)[_options.AccountsOr(200)];
        await Parallel.ForEachAsync(Enumerable.Range(0, _options.AccountsOr(200)), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var accountId = $"acc_{i}";
            var actor = _journal.Incarnate(accountId, settings);
            var channelId = await LocalJournal.OpenWithChannelAsync(actor, accountId, ct);
            _accounts[i] = (accountId, channelId, actor);
        });
        Console.WriteLine($"  {_accounts.Length} accounts open");
    }

    private async Task<StepOutcome> CreatePostAsync(CancellationToken cancellationToken)
    {
        var (accountId, channelId, actor) = _accounts[(int)(Interlocked.Increment(ref _next) % _accounts.Length)];
        var reply = await LocalJournal.AskAsync(actor, LocalJournal.CreatePost(accountId, channelId), cancellationToken);
        return reply is CommandAccepted ? StepOutcome.Success : StepOutcome.Fail(reply.GetType().Name);
    }

    private async Task CleanAsync()
    {
        if (_journal is not null)
        {
            await _journal.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled connection may still hold the file for a moment; the folder is under the temp directory.
        }
    }
}
