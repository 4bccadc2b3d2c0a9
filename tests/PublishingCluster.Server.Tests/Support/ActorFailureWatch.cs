using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;
using Microsoft.Extensions.DependencyInjection;

namespace PublishingCluster.Server.Tests.Support;

/// <summary>
/// Watches a node's actor system for actors that fail: a supervisor that restarts (or stops) a child publishes an
/// <see cref="Error"/> with the exception as its cause on the event stream, whatever the logging set-up. A test reads
/// <see cref="Failures"/> to tell that a request made an actor throw, which a caller only sees as a slow 503.
/// </summary>
public sealed class ActorFailureWatch : IDisposable
{
    private readonly ConcurrentQueue<Error> _errors = new();
    private readonly ActorSystem _system;
    private readonly IActorRef _listener;

    public ActorFailureWatch(ServerHost host)
    {
        _system = host.Services.GetRequiredService<ActorSystem>();
        _listener = _system.ActorOf(Props.Create(() => new Listener(_errors)));
        if (!_system.EventStream.Subscribe(_listener, typeof(Error)))
        {
            throw new InvalidOperationException("Could not subscribe to the event stream's errors.");
        }
    }

    /// <summary>The failures seen so far: errors that carry the exception an actor threw.</summary>
    public IReadOnlyList<string> Failures =>
        [.. _errors.Where(e => e.Cause is not null).Select(e => $"{e.LogSource}: {e.Cause!.GetType().Name}: {e.Cause.Message}")];

    /// <summary>
    /// Proves the watch is live: an actor made here to throw once must show up among <see cref="Failures"/>;
    /// its failure is then forgotten, so that only the test's own remain.
    /// </summary>
    public async Task SelfCheckAsync()
    {
        var thrower = _system.ActorOf(Props.Create(() => new Thrower()), $"failure-watch-check-{Guid.NewGuid():N}");
        thrower.Tell("throw");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Failures.Any(f => f.Contains(Thrower.Message, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The watch did not see a failure it caused itself.");
            await Task.Delay(20);
        }

        _system.Stop(thrower);
        _errors.Clear();
    }

    public void Dispose()
    {
        _system.EventStream.Unsubscribe(_listener);
        _system.Stop(_listener);
    }

    private sealed class Listener : ReceiveActor
    {
        public Listener(ConcurrentQueue<Error> errors) => Receive<Error>(errors.Enqueue);
    }

    private sealed class Thrower : ReceiveActor
    {
        public const string Message = "The failure watch checks itself.";

        public Thrower() => Receive<string>(_ => throw new InvalidOperationException(Message));
    }
}
