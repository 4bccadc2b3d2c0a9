using Akka.Actor;
using Akka.Persistence;
using PublishingCluster.Domain.Agencies;

namespace PublishingCluster.Actors.Agencies;

/// <summary>
/// One agency (tenant): its registration and its API keys, event-sourced and sharded by agency id. Every
/// authentication of a request asks this actor, so a revoked key stops working at once on every node: there
/// is no copy of the keys anywhere else to go stale.
/// </summary>
public sealed class AgencyActor : UntypedPersistentActor
{
    private AgencyState _state;

    public AgencyActor(string agencyId)
    {
        _state = AgencyState.Unregistered(agencyId);
        PersistenceId = PersistenceIdOf(agencyId);
    }

    public override string PersistenceId { get; }

    /// <summary>
    /// The agency's events in the journal. Its first event (sequence number 1) is always its registration: an
    /// unregistered agency persists nothing.
    /// </summary>
    public static string PersistenceIdOf(string agencyId) => $"agency-{agencyId}";

    public static Props PropsFor(string agencyId) => Props.Create(() => new AgencyActor(agencyId));

    protected override void OnRecover(object message)
    {
        if (message is IAgencyEvent @event)
        {
            _state = AgencyDecider.Evolve(_state, @event);
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case ExecuteAgency execute:
                var (decided, rejection) = AgencyDecider.Decide(_state, execute.Command, execute.Now);
                if (rejection is not null)
                {
                    Sender.Tell(new AgencyCommandRejected(_state.AgencyId, rejection));
                    return;
                }

                var sender = Sender;
                Persist(decided!, persisted =>
                {
                    _state = AgencyDecider.Evolve(_state, persisted);
                    sender.Tell(new AgencyCommandAccepted(_state.AgencyId, _state.Version));
                });
                break;
            case Authenticate authenticate:
                Sender.Tell(AgencyDecider.Authenticate(_state, authenticate.KeyId, authenticate.SecretHash) is { } key
                    ? new Authenticated(_state.AgencyId, key.KeyId, key.Role, key.AccountIds)
                    : new NotAuthenticated(_state.AgencyId));
                break;
            case GetAgency:
                Sender.Tell(_state.IsRegistered
                    ? new AgencyFound(_state.AgencyId, _state.Name, _state.RegisteredAt,
                        [.. _state.Keys.Values.Select(k => new KeyInfo(k.KeyId, k.Label, k.Role, k.AccountIds, k.IssuedAt, k.RevokedAt))])
                    : new AgencyCommandRejected(_state.AgencyId, AgencyDecider.NotFound(_state.AgencyId)));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        Sender.Tell(new AgencyCommandFailed(_state.AgencyId, $"The journal could not store the change: {cause.Message}"));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }
}
