using PublishingCluster.Actors.Accounts;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Posts;

namespace PublishingCluster.Actors.Tests.Accounts;

/// <summary>
/// The account's group commit without an actor: who is decided when, in which order, and when each caller is
/// answered. Callers are names; a command writes two items (its event and its audit entry), a query none.
/// </summary>
public sealed class GroupCommitTests
{
    private const string AccountId = "acc-1";
    private static readonly DateTimeOffset At = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly CommandFailed Refused = new(AccountId, "The journal refused the change.");

    private readonly List<IAccountRequest> _decided = [];

    [Fact]
    public void A_command_arriving_while_nothing_is_written_is_decided_at_once_and_answered_once_its_batch_is_stored()
    {
        var commit = new GroupCommit<string>(maxBatch: 10);
        var command = Command("post-1");

        commit.Enqueue(command, "ann");
        var batch = commit.DecideNext(Decide);

        Assert.Equal([command], _decided);
        Assert.Empty(batch.AnswerNow);
        Assert.Equal(["event of post-1", "audit of post-1"], batch.ToWrite);
        Assert.True(commit.IsWriting);
        Assert.Null(commit.Written());
        var replies = commit.Written();
        Assert.NotNull(replies);
        Assert.Equal([new("ann", Accepted("post-1"))], replies);
        Assert.True(commit.IsIdle);
    }

    [Fact]
    public void Requests_arriving_during_a_write_wait_for_it_and_are_then_decided_together_in_arrival_order()
    {
        var commit = new GroupCommit<string>(maxBatch: 10);
        commit.Enqueue(Command("post-1"), "ann");
        commit.DecideNext(Decide);

        commit.Enqueue(Query("post-9"), "bob");
        commit.Enqueue(Command("post-2"), "cy");
        commit.Enqueue(Query("post-8"), "dee");

        Assert.Single(_decided);
        Assert.Throws<InvalidOperationException>(() => commit.DecideNext(Decide));
        commit.Written();
        Assert.Equal([new("ann", Accepted("post-1"))], commit.Written());
        Assert.True(commit.HasWaiting);

        var next = commit.DecideNext(Decide);

        Assert.Equal(["post-1", "post-9", "post-2", "post-8"], _decided.Select(PostOf));
        Assert.Equal(["event of post-2", "audit of post-2"], next.ToWrite);
        Assert.Null(commit.Written());
        Assert.Equal([new("bob", NotFound("post-9")), new("cy", Accepted("post-2")), new("dee", NotFound("post-8"))], commit.Written());
        Assert.True(commit.IsIdle);
    }

    [Fact]
    public void A_query_decided_beside_a_command_is_answered_only_once_the_command_is_stored()
    {
        var commit = new GroupCommit<string>(maxBatch: 10);
        commit.Enqueue(Query("post-9"), "bob");
        commit.Enqueue(Command("post-1"), "ann");

        var batch = commit.DecideNext(Decide);

        // The query may have read the command's change: it must not see it before it is durable.
        Assert.Empty(batch.AnswerNow);
        Assert.Null(commit.Written());
        Assert.Equal([new("bob", NotFound("post-9")), new("ann", Accepted("post-1"))], commit.Written());
    }

    [Fact]
    public void A_batch_that_writes_nothing_is_answered_at_once_in_arrival_order()
    {
        var commit = new GroupCommit<string>(maxBatch: 10);
        commit.Enqueue(Query("post-9"), "bob");
        commit.Enqueue(Query("post-8"), "dee");

        var batch = commit.DecideNext(Decide);

        Assert.Empty(batch.ToWrite);
        Assert.Equal([new("bob", NotFound("post-9")), new("dee", NotFound("post-8"))], batch.AnswerNow);
        Assert.False(commit.IsWriting);
        Assert.True(commit.IsIdle);
    }

    [Fact]
    public void At_most_max_batch_requests_are_decided_together_and_the_rest_wait_for_the_next_batch()
    {
        var commit = new GroupCommit<string>(maxBatch: 2);
        commit.Enqueue(Command("post-1"), "ann");
        commit.Enqueue(Command("post-2"), "bob");
        commit.Enqueue(Command("post-3"), "cy");

        var first = commit.DecideNext(Decide);

        Assert.Equal(4, first.ToWrite.Count);
        Assert.True(commit.HasWaiting);
        var firstReplies = WriteAll(commit, first);
        Assert.Equal(["ann", "bob"], firstReplies.Select(r => r.To));

        var second = commit.DecideNext(Decide);

        Assert.Equal(["event of post-3", "audit of post-3"], second.ToWrite);
        Assert.Equal([new("cy", Accepted("post-3"))], WriteAll(commit, second));
        Assert.True(commit.IsIdle);
    }

    [Fact]
    public void A_batch_the_journal_rejects_answers_every_caller_of_it_once_the_journal_answered_every_item()
    {
        var commit = new GroupCommit<string>(maxBatch: 10);
        commit.Enqueue(Query("post-9"), "bob");
        commit.Enqueue(Command("post-1"), "ann");
        commit.Enqueue(Command("post-2"), "cy");
        var batch = commit.DecideNext(Decide);
        commit.Enqueue(Command("post-3"), "dee");

        // The journal answers each of the four items; an earlier answer must not end the batch.
        for (var i = 1; i < batch.ToWrite.Count; i++)
        {
            Assert.Null(commit.Rejected(Refused));
            Assert.True(commit.IsWriting);
        }

        var replies = commit.Rejected(Refused);

        Assert.Equal([new("bob", Refused), new("ann", Refused), new("cy", Refused)], replies);
        Assert.False(commit.IsWriting);

        // Who arrived during the refused write is not answered by it, and is decided next.
        Assert.True(commit.HasWaiting);
        Assert.Equal(["event of post-3", "audit of post-3"], commit.DecideNext(Decide).ToWrite);
    }

    [Fact]
    public void Giving_up_answers_the_batch_being_written_then_every_waiting_request_in_arrival_order()
    {
        var commit = new GroupCommit<string>(maxBatch: 10);
        commit.Enqueue(Command("post-1"), "ann");
        commit.Enqueue(Query("post-9"), "bob");
        commit.DecideNext(Decide);
        commit.Written();
        commit.Enqueue(Command("post-2"), "cy");
        commit.Enqueue(Query("post-8"), "dee");
        var failed = new CommandFailed(AccountId, "The journal could not store the change: down");

        var replies = commit.FailAll(failed);

        Assert.Equal(["ann", "bob", "cy", "dee"], replies.Select(r => r.To));
        Assert.All(replies, r => Assert.Equal(failed, r.Message));
        Assert.True(commit.IsIdle);
        Assert.Empty(commit.FailAll(failed));
    }

    [Fact]
    public void A_journal_answer_without_a_batch_being_written_is_a_mistake_not_a_reply()
    {
        var commit = new GroupCommit<string>(maxBatch: 10);
        commit.Enqueue(Query("post-9"), "bob");
        commit.DecideNext(Decide);

        Assert.Throws<InvalidOperationException>(() => commit.Written());
        Assert.Throws<InvalidOperationException>(() => commit.Rejected(Refused));
    }

    /// <summary>Stands in for the account: a command writes its event and audit entry and is accepted; a query finds nothing.</summary>
    private IAccountReply Decide(IAccountRequest request, List<object> toWrite)
    {
        _decided.Add(request);
        var postId = PostOf(request);
        if (request is not Execute)
        {
            return NotFound(postId);
        }

        toWrite.Add($"event of {postId}");
        toWrite.Add($"audit of {postId}");
        return Accepted(postId);
    }

    private static List<GroupCommit<string>.Reply> WriteAll(GroupCommit<string> commit, GroupCommit<string>.Batch batch)
    {
        for (var i = 1; i < batch.ToWrite.Count; i++)
        {
            Assert.Null(commit.Written());
        }

        return [.. commit.Written()!];
    }

    private static Execute Command(string postId) => new(new CancelPost(AccountId, postId), At);

    private static GetPost Query(string postId) => new(AccountId, postId);

    private static string PostOf(IAccountRequest request) => request switch
    {
        Execute { Command: CancelPost cancel } => cancel.PostId,
        GetPost get => get.PostId,
        _ => throw new ArgumentOutOfRangeException(nameof(request)),
    };

    private static CommandAccepted Accepted(string postId) => new(AccountId, postId, 1);

    private static QueryRejected NotFound(string postId) => new(AccountId, Rejection.NotFound("postId", "post.not-found", postId));
}
