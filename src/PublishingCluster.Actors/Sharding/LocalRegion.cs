using Akka.Actor;

namespace PublishingCluster.Actors.Sharding;

/// <summary>
/// A stand-in for a shard region in a node that runs in one process (the simulator): one child per entity id,
/// started on its first message, messages forwarded in the order they arrive. Such a node needs the region's
/// contract (address by id, start on demand), not the cluster behind it.
/// </summary>
public sealed class LocalRegion : ReceiveActor
{
    public LocalRegion(Func<object, string?> idOf, Func<string, Props> propsFor)
    {
        ReceiveAny(message =>
        {
            var id = idOf(message) ?? throw new InvalidOperationException($"No entity id in {message.GetType().Name}.");
            var child = Context.Child(id);
            if (child.IsNobody())
            {
                child = Context.ActorOf(propsFor(id), Uri.EscapeDataString(id));
            }

            child.Forward(message);
        });
    }

    public static Props PropsFor(Func<object, string?> idOf, Func<string, Props> propsFor) => Props.Create(() => new LocalRegion(idOf, propsFor));
}
