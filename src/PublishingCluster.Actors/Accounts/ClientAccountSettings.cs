namespace PublishingCluster.Actors.Accounts;

/// <summary>Tuning of the account actor.</summary>
/// <param name="SnapshotEvery">Save a snapshot once this many events have been persisted since the last one.</param>
/// <param name="MaxBatch">At most this many waiting requests are decided together and written as one batch.</param>
/// <param name="AnswerOverdueAfter">A variant sent this long ago without an answer is looked up on its network (null: two minutes).</param>
public sealed record ClientAccountSettings(int SnapshotEvery = 200, int MaxBatch = 512, TimeSpan? AnswerOverdueAfter = null)
{
    public TimeSpan AnswerOverdueAfterOrDefault => AnswerOverdueAfter ?? TimeSpan.FromMinutes(2);

    public static ClientAccountSettings Default { get; } = new();
}
