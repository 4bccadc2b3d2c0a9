using Akka.Actor;

namespace PublishingCluster.Actors.Tests.Support;

/// <summary>
/// Stands in for a shard region in actor tests: one child per entity id, created on its first message. It keeps
/// the same contract the account and partition actors rely on (messages addressed by id, entities started on demand).
/// </summary>
public sealed class EntityRouter : ReceiveActor
{
    public EntityRouter(Func<object, string?> idOf, Func<string, Props> propsFor)
    {
        ReceiveAny(message =>
        {
            var id = idOf(message) ?? throw new InvalidOperationException($"No entity id in {message.GetType().Name}");
            var child = Context.Child(id);
            if (child.IsNobody())
            {
                child = Context.ActorOf(propsFor(id), id);
            }

            child.Forward(message);
        });
    }

    public static Props PropsFor(Func<object, string?> idOf, Func<string, Props> propsFor) => Props.Create(() => new EntityRouter(idOf, propsFor));
}
