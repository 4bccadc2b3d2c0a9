using Akka.Actor;
using Microsoft.Extensions.Time.Testing;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Actors.Gateways;
using PublishingCluster.Actors.Posting;
using PublishingCluster.Channels;
using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Publishing;

namespace PublishingCluster.Actors.Tests.Support;

/// <summary>
/// Accounts, posting partitions and channel gateways wired as on a node, but on a virtual clock the test moves:
/// <see cref="AdvanceToAsync"/> sets the clock, ticks every partition and waits until the networks are quiet.
/// </summary>
public sealed class PublishingRig
{
    private readonly Dictionary<Network, IActorRef> _gateways = [];

    public PublishingRig(ActorSystem system, DateTimeOffset start, Func<Network, FakeNetwork> networkFor, int partitions = 8, PublishingPolicy? policy = null)
    {
        Clock = new FakeTimeProvider(start);
        Partitions = new PostingPartitions(partitions);
        var accountsHolder = new IActorRef[1];
        var postingHolder = new IActorRef[1];
        foreach (var network in Enum.GetValues<Network>())
        {
            Networks[network] = networkFor(network);
        }

        var collaborators = new Lazy<AccountCollaborators>(() => new AccountCollaborators(postingHolder[0], Partitions, n => _gateways[n], policy ?? PublishingPolicy.Default));
        Accounts = system.ActorOf(EntityRouter.PropsFor(m => (m as IWithAccountId)?.AccountId, id => ClientAccountActor.PropsFor(id, ClientAccountSettings.Default, collaborators.Value)), "accounts");
        Posting = system.ActorOf(EntityRouter.PropsFor(m => (m as IWithPartitionId)?.PartitionId, id => PostingPartitionActor.PropsFor(id, Accounts, NoPostingHistory.Instance)), "posting");
        accountsHolder[0] = Accounts;
        postingHolder[0] = Posting;
        foreach (var (network, adapter) in Networks)
        {
            _gateways[network] = system.ActorOf(ChannelGatewayActor.PropsFor(adapter, Accounts, Clock), ChannelGatewayActor.NameFor(network));
        }
    }

    public FakeTimeProvider Clock { get; }

    public PostingPartitions Partitions { get; }

    public IActorRef Accounts { get; }

    public IActorRef Posting { get; }

    public Dictionary<Network, FakeNetwork> Networks { get; } = [];

    public IActorRef GatewayFor(Network network) => _gateways[network];

    /// <summary>
    /// Plays virtual time up to <paramref name="end"/>, jumping from one due instant to the next (the partitions
    /// know them), so that a month of publishing costs only the instants at which something happens.
    /// Returns the number of ticks.
    /// </summary>
    public async Task<int> RunUntilAsync(DateTimeOffset end)
    {
        var ticks = 0;
        while (true)
        {
            var due = await DueByAsync(end);
            if (due.Count == 0)
            {
                Clock.SetUtcNow(end);
                return ticks;
            }

            var next = due.Min(d => d.Due);
            var now = next > Clock.GetUtcNow() ? next : Clock.GetUtcNow();
            var woken = due.Where(d => d.Due <= now).Select(d => d.AccountId).Distinct().ToList();
            Clock.SetUtcNow(now);
            foreach (var partition in Partitions.All)
            {
                Posting.Tell(new Tick(partition, now));
            }

            await SettleAsync(woken);
            ticks++;
        }
    }

    public async Task<List<(string AccountId, DateTimeOffset Due)>> DueByAsync(DateTimeOffset until)
    {
        var answers = await Task.WhenAll(Partitions.All.Select(p => Posting.Ask<DueAnswer>(new GetDue(p, until), Timeout)));
        return answers.SelectMany(a => a.Due).ToList();
    }

    /// <summary>
    /// Waits until the work a tick caused is done: the partitions have sent their wake-ups, the woken accounts have
    /// persisted what was due and handed it to the gateways, the gateways are idle and the accounts have recorded
    /// every answer. Mailboxes are FIFO, so asking in that order observes each stage behind the one before.
    /// </summary>
    public async Task SettleAsync(IReadOnlyCollection<string> accountIds)
    {
        foreach (var partition in Partitions.All)
        {
            await Posting.Ask<DueAnswer>(new GetDue(partition, DateTimeOffset.MinValue), Timeout);
        }

        for (var round = 0; round < 2; round++)
        {
            await Task.WhenAll(accountIds.Select(id => Accounts.Ask<IAccountReply>(new GetAccount(id), Timeout)));
            foreach (var gateway in _gateways.Values)
            {
                while (await gateway.Ask<GatewayStatus>(new GetGatewayStatus(default), Timeout) is { InFlight: > 0 } or { Waiting: > 0 })
                {
                    await Task.Delay(1);
                }
            }
        }

        await Task.WhenAll(accountIds.Select(id => Accounts.Ask<IAccountReply>(new GetAccount(id), Timeout)));
    }

    // Generous: on a shared 2-core machine other test assemblies run beside these specs; a hang still fails.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
}
