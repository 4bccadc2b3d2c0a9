using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Hosting;
using PublishingCluster.Actors.Serialization;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.LoadTests.Scenarios;

/// <summary>
/// An actor system inside the runner with the server's journal set-up: the same SQLite preparation (WAL), the same
/// Akka.Persistence.Sql plugin and tuning (hocon/persistence.sqlite.hocon), the same event serializer. Account
/// actors are created directly, without sharding or HTTP, so what is measured is the actor and its journal.
/// </summary>
public sealed class LocalJournal : IAsyncDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);
    private readonly IHost _host;
    private long _actorNumber;

    private LocalJournal(IHost host) => _host = host;

    public ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();

    /// <param name="databasePath">The SQLite file; null for Akka's in-memory journal and snapshot store (nothing stored, nothing serialized).</param>
    /// <param name="hoconFolder">Where persistence.sqlite.hocon is read from (see <see cref="RunOptions.HoconFolder"/>).</param>
    public static async Task<LocalJournal> StartAsync(string? databasePath, string hoconFolder, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAkka("LoadTests", akka =>
        {
            akka.AddHocon("akka.loglevel = WARNING", HoconAddMode.Prepend)
                .AddPublishingSerialization(WireFormat.Protocol);
            if (databasePath is null)
            {
                akka.AddInMemoryJournal();
                return;
            }

            akka.AddHocon(NodeHocon.Persistence(hoconFolder, "sqlite"), HoconAddMode.Prepend)
                .AddSqlJournal(SqliteDatabase.Prepare(databasePath), NodeJournal.SqliteProviderName, healthChecks: false);
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new LocalJournal(host);
    }

    /// <summary>A new incarnation of the account's actor: it recovers from the journal before it answers anything.</summary>
    public IActorRef Incarnate(string accountId, ClientAccountSettings settings) =>
        System.ActorOf(ClientAccountActor.PropsFor(accountId, settings), $"account-{accountId}-{Interlocked.Increment(ref _actorNumber)}");

    public static async Task<IAccountReply> AskAsync(IActorRef account, IAccountRequest request, CancellationToken cancellationToken) =>
        await account.Ask<IAccountReply>(request, AskTimeout, cancellationToken);

    /// <summary>Opens the account and connects its X channel; returns the channel id.</summary>
    public static async Task<string> OpenWithChannelAsync(IActorRef account, string accountId, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var channelId = $"ch_{accountId}";
        Expect(await AskAsync(account, new Execute(new OpenAccount(accountId, "loadtest", $"Client {accountId}", SampleContract), now), cancellationToken));
        Expect(await AskAsync(account, new Execute(new ConnectChannel(accountId, channelId, Network.X, $"handle-{accountId}", "Europe/London", [], []), now), cancellationToken));
        return channelId;
    }

    public static Execute CreatePost(string accountId, string channelId) =>
        new(new CreatePost(accountId, $"post_{Guid.NewGuid():N}", "Autumn blend launch",
            [new VariantContent(channelId, "Our autumn blend is here: roasted in small batches.", [])]), DateTimeOffset.UtcNow);

    public static CommandAccepted Expect(IAccountReply reply) =>
        reply as CommandAccepted ?? throw new InvalidOperationException($"The account refused a set-up command: {reply}");

    private static Contract SampleContract { get; } = new(
        [new ChannelScope(Network.LinkedIn, 5), new ChannelScope(Network.X, 10)],
        new Roles("Ada Byron", "Grace Hopper"),
        new Budget(4500m, "EUR", 40m, 300m),
        ReportingCadence.Monthly,
        new ResponseSla(120, 30, new BusinessHours("Europe/London",
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new TimeOnly(9, 0), new TimeOnly(17, 0))),
        new ContactPolicy(ContactMedium.Email, 2),
        [new Goal("signups", GoalMetric.EmailSignUps, 10000m, new DateOnly(2099, 6, 30), [new DateOnly(2099, 3, 31)])]);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
