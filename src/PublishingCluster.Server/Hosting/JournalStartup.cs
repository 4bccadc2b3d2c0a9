using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;

namespace PublishingCluster.Server.Hosting;

/// <summary>
/// Makes the SQL read journal, before any region starts, once the journal has created or found its tables. The
/// read journal waits only five seconds for that when it is first made, and fails otherwise; on PostgreSQL a node
/// that starts beside others, on a busy machine, can take longer, and the read journal (used by the operators'
/// account listing) would fail and take the node down. It is made once per actor system and kept, so later users
/// get it at once. Waiting here also means the journal's tables exist before any region starts, so the node's own
/// reads of them (<see cref="TaggedJournalReader"/>: the posting partitions, the audit trail, the notifications)
/// never meet a database without them.
/// </summary>
public static class JournalStartup
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static void WaitUntilReady(ActorSystem system)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            try
            {
                PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
                return;
            }
            catch (AggregateException e) when (e.InnerException is AskTimeoutException && DateTime.UtcNow < deadline)
            {
                // The journal is still initializing; the read journal's own wait starts again.
            }
            catch (AggregateException e) when (e.InnerException is AskTimeoutException)
            {
                throw new InvalidOperationException($"The journal's database did not become ready within {Timeout.TotalSeconds:0} s; is it reachable?", e);
            }
        }
    }
}
