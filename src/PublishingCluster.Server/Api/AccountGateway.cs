using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Domain.Accounts;

namespace PublishingCluster.Server.Api;

/// <summary>The HTTP side's one way to reach an account: ask its shard region, with a bounded wait.</summary>
public sealed class AccountGateway(IRequiredActor<AccountRegion> region)
{
    /// <summary>
    /// How long a request waits for its account. Long enough for the slow but normal cases: an account asleep that
    /// first recovers from the journal, and one whose shard is being handed to another node (a node leaving, a
    /// rebalance), where the region holds requests until the new home has started it.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one try waits before the request is sent again, within <see cref="Timeout"/>. Sharding delivers at
    /// most once: a request sent to a node that just died, or that handed its shards off and left, is lost with it,
    /// until the other nodes learn where the shard lives now (a few seconds after a crash: see hocon/akka.hocon). A
    /// read is safe to send twice, and so is a creating command (opening an account, connecting a channel, creating a
    /// post): it carries the id it creates and its request's fingerprint, whether or not the caller gave an
    /// Idempotency-Key, so the account recognises its repeat and records nothing new. Both are sent again; every other
    /// command (a step of a lifecycle, whose repeat would be refused as out of turn) is sent once. The first try is short, so
    /// that a request lost in a node's crash is sent again soon after its shard has a new home; each later try waits
    /// twice as long, up to <see cref="Resending.LongestTryFactor"/> times the first, so that a request that is only
    /// slow (an account recovering a long journal, a node under load) costs a handful of copies, not one a second.
    /// </summary>
    public static readonly TimeSpan Try = TimeSpan.FromSeconds(1);

    public async Task<IAccountReply> AskAsync(IAccountRequest request, CancellationToken cancellationToken) =>
        await AskAsync(await region.GetAsync(cancellationToken), request, Try, Timeout, cancellationToken);

    /// <summary>Whether a request may be delivered more than once: a read, or a creating command with its request fingerprint.</summary>
    public static bool IsRepeatable(IAccountRequest request) =>
        request is not Execute || request is Execute { Command: IRepeatableCommand { RequestFingerprint: not null } };

    /// <summary>Asks <paramref name="account"/> (a region or the account itself); sends a repeatable request again after each <paramref name="oneTry"/>, all within <paramref name="timeout"/>.</summary>
    public static async Task<IAccountReply> AskAsync(IActorRef account, IAccountRequest request, TimeSpan oneTry, TimeSpan timeout, CancellationToken cancellationToken) =>
        await Resending.AskAsync<IAccountReply>(account, request, IsRepeatable(request), oneTry, timeout, cancellationToken)
            ?? new CommandFailed(request.AccountId, $"Account {request.AccountId} did not answer within {timeout.TotalSeconds:0} s.");
}

/// <summary>An ask that is sent again after each try while it may be (see <see cref="AccountGateway.Try"/>).</summary>
public static class Resending
{
    /// <summary>The longest try, as a multiple of the first: tries wait 1, 2, 4, 4, ... times the first.</summary>
    public const int LongestTryFactor = 4;

    /// <summary>How long try number <paramref name="attempt"/> (from 0) waits for its answer.</summary>
    public static TimeSpan TryLength(TimeSpan firstTry, int attempt) =>
        firstTry * Math.Min(1 << Math.Min(attempt, 30), LongestTryFactor);

    /// <summary>The reply, or null when none came within <paramref name="timeout"/>.</summary>
    public static async Task<TReply?> AskAsync<TReply>(IActorRef target, object request, bool repeatable, TimeSpan oneTry, TimeSpan timeout, CancellationToken cancellationToken)
        where TReply : class
    {
        var waited = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            var left = timeout - waited.Elapsed;
            var thisTry = TryLength(oneTry, attempt);
            var wait = repeatable && thisTry < left ? thisTry : left;
            try
            {
                return await target.Ask<TReply>(request, wait, cancellationToken);
            }
            catch (AskTimeoutException) when (repeatable && waited.Elapsed < timeout)
            {
                // Lost with a node that died or handed its shard off, or still on its way: send it again.
            }
            catch (AskTimeoutException)
            {
                return null;
            }
        }
    }
}
