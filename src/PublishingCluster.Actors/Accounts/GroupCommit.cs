namespace PublishingCluster.Actors.Accounts;

/// <summary>
/// The account's group commit. While one batch is being written, arriving requests wait; once it is durable they
/// are decided together, in arrival order, and what they write goes to the journal as the next batch. Every reply,
/// query answers included, is handed back only once everything decided before it is durable, so a caller always
/// reads its own writes and nobody reads a write that may yet fail. A batch that writes nothing is answered at once.
/// <para>
/// It neither decides, writes nor sends: the account decides each request (<see cref="DecideNext"/>), writes what
/// the batch returns, reports each stored item back (<see cref="Written"/>, <see cref="Rejected"/>) and sends the
/// replies it is handed. <typeparamref name="TCaller"/> is whoever a reply goes to.
/// </para>
/// </summary>
/// <param name="maxBatch">At most this many waiting requests are decided together.</param>
internal sealed class GroupCommit<TCaller>(int maxBatch)
{
    private readonly Queue<(IAccountRequest Request, TCaller Caller)> _waiting = new();
    private List<Reply> _inFlight = [];
    private int _unanswered;

    /// <summary>A batch is being written: requests wait, and its callers wait for it to be durable.</summary>
    public bool IsWriting => _unanswered > 0;

    public bool HasWaiting => _waiting.Count > 0;

    /// <summary>Nothing is being written and nothing waits.</summary>
    public bool IsIdle => !IsWriting && !HasWaiting;

    public void Enqueue(IAccountRequest request, TCaller caller) => _waiting.Enqueue((request, caller));

    /// <summary>
    /// Decides the next waiting requests (at most maxBatch), oldest first. <paramref name="decide"/> answers one
    /// request and adds what it writes to the list it is given. If the batch writes nothing, its replies are returned
    /// to be sent now; otherwise they are held until the batch is written, and what to write is returned.
    /// </summary>
    public Batch DecideNext(Func<IAccountRequest, List<object>, IAccountReply> decide)
    {
        if (IsWriting)
        {
            throw new InvalidOperationException("A batch is still being written; the next is decided once it is durable.");
        }

        var replies = new List<Reply>();
        var toWrite = new List<object>();
        while (_waiting.Count > 0 && replies.Count < maxBatch)
        {
            var (request, caller) = _waiting.Dequeue();
            replies.Add(new Reply(caller, decide(request, toWrite)));
        }

        if (toWrite.Count == 0)
        {
            return new Batch(replies, []);
        }

        _inFlight = replies;
        _unanswered = toWrite.Count;
        return new Batch([], toWrite);
    }

    /// <summary>One item of the batch is stored. Returns the batch's replies once its last item is, null before.</summary>
    public IReadOnlyList<Reply>? Written()
    {
        if (!TakeAnswer())
        {
            return null;
        }

        var replies = _inFlight;
        _inFlight = [];
        return replies;
    }

    /// <summary>
    /// The journal refused one item of the batch, and with it the whole batch. The journal answers every item, so
    /// the batch ends with its last one: only then are its callers answered (each with <paramref name="failure"/>),
    /// so that the next batch is not started while this one's answers still arrive. Null before that.
    /// </summary>
    public IReadOnlyList<Reply>? Rejected(IAccountReply failure)
    {
        if (!TakeAnswer())
        {
            return null;
        }

        var replies = _inFlight.Select(r => r with { Message = failure }).ToList();
        _inFlight = [];
        return replies;
    }

    /// <summary>Gives up on everything: the batch being written and every waiting request are answered <paramref name="failure"/>, in that order.</summary>
    public IReadOnlyList<Reply> FailAll(IAccountReply failure)
    {
        var replies = _inFlight.Select(r => r with { Message = failure }).ToList();
        while (_waiting.Count > 0)
        {
            replies.Add(new Reply(_waiting.Dequeue().Caller, failure));
        }

        _inFlight = [];
        _unanswered = 0;
        return replies;
    }

    /// <summary>Counts one of the journal's answers; true when it was the batch's last.</summary>
    private bool TakeAnswer()
    {
        if (!IsWriting)
        {
            throw new InvalidOperationException("No batch is being written.");
        }

        return --_unanswered == 0;
    }

    /// <summary>One reply and who it goes to.</summary>
    public readonly record struct Reply(TCaller To, IAccountReply Message);

    /// <summary>A decided batch: the replies to send now (when it writes nothing), or what to write.</summary>
    public sealed record Batch(IReadOnlyList<Reply> AnswerNow, IReadOnlyList<object> ToWrite);
}
