using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;
using PublishingCluster.Domain.Tests.Fixtures;

namespace PublishingCluster.Domain.Tests;

/// <summary>
/// The decider's promises, over random histories: the events of accepted commands are a complete record (replaying
/// them rebuilds the state), a refused command records nothing, and every event counts once in the version.
/// </summary>
public sealed class ReplayProperties
{
    [Property]
    public Property Replaying_the_accepted_events_rebuilds_the_state_built_step_by_step() =>
        Prop.ForAll(RandomHistories.Arbitrary, history =>
        {
            var steps = RandomHistories.Run(history);
            var built = steps.Count == 0 ? AccountState.Unopened(RandomHistories.AccountId) : steps[^1].After;

            var replayed = ClientAccount.Replay(RandomHistories.AccountId, steps.SelectMany(s => s.Decision.Events));

            Assert.Equal(CanonicalJson.Of(built), CanonicalJson.Of(replayed));
        });

    [Property]
    public Property A_refused_command_yields_no_event_and_says_why() =>
        Prop.ForAll(RandomHistories.Arbitrary, history =>
        {
            foreach (var step in RandomHistories.Run(history).Where(s => !s.Decision.IsAccepted))
            {
                Assert.Empty(step.Decision.Events);
                Assert.False(string.IsNullOrEmpty(step.Decision.Rejection!.Code), $"{step.Command} was refused without a code");
                Assert.Same(step.Before, step.After);
            }
        });

    [Property]
    public Property Each_event_advances_the_version_by_one() =>
        Prop.ForAll(RandomHistories.Arbitrary, history =>
        {
            var steps = RandomHistories.Run(history);
            foreach (var step in steps)
            {
                Assert.Equal(step.Before.Version + step.Decision.Events.Count, step.After.Version);
            }

            Assert.Equal(steps.Sum(s => (long)s.Decision.Events.Count), steps.Count == 0 ? 0 : steps[^1].After.Version);
        });

    [Property]
    public Property No_variant_starts_publishing_unless_its_post_was_approved_by_the_client_and_is_due() =>
        Prop.ForAll(RandomHistories.Arbitrary, history =>
        {
            var approvedByClient = new HashSet<string>();
            foreach (var step in RandomHistories.Run(history))
            {
                foreach (var started in step.Decision.Events.OfType<VariantPublishingStarted>())
                {
                    var post = step.Before.Posts[started.PostId];
                    Assert.Contains(started.PostId, approvedByClient);
                    Assert.True(post.Status is PostStatus.Scheduled or PostStatus.Publishing, $"{started} from a {post.Status} post");
                    Assert.True(post.Variants[started.ChannelId].DueAt <= step.Now, $"{started} before it was due");
                }

                approvedByClient.UnionWith(step.Decision.Events.OfType<PostApprovedByClient>().Select(e => e.PostId));
            }
        });

    [Property]
    public Property Every_scheduled_time_was_in_the_future_when_it_was_given() =>
        Prop.ForAll(RandomHistories.Arbitrary, history =>
        {
            foreach (var step in RandomHistories.Run(history))
            {
                var times = step.Decision.Events.SelectMany(e => e switch
                {
                    PostScheduled s => s.Times,
                    PostRescheduled r => r.Times,
                    _ => [],
                });
                Assert.All(times, t => Assert.True(t.ScheduledAt > step.Now, $"{t} given at {step.Now:O}"));
            }
        });

    [Fact]
    public void The_generated_histories_reach_every_status_and_every_kind_of_event()
    {
        // Guards the properties above: a generator that never got past drafts would make them pass vacuously.
        var steps = RandomHistories.Histories.Sample(numberOfSamples: 300, size: 100).SelectMany(RandomHistories.Run).ToList();

        var statuses = steps.SelectMany(s => s.After.Posts.Values).CountBy(p => p.Status).ToDictionary();
        var missingStatuses = Enum.GetValues<PostStatus>().Where(s => !statuses.ContainsKey(s)).ToList();
        Assert.True(missingStatuses.Count == 0, $"Never reached {string.Join(", ", missingStatuses)}; reached {string.Join(", ", statuses)}");

        var events = steps.SelectMany(s => s.Decision.Events).CountBy(e => e.GetType()).ToDictionary();
        var missingEvents = typeof(IAccountEvent).Assembly.GetTypes()
            .Where(t => t.IsClass && typeof(IAccountEvent).IsAssignableFrom(t) && !events.ContainsKey(t))
            .Select(t => t.Name)
            .ToList();
        Assert.True(missingEvents.Count == 0, $"Never produced {string.Join(", ", missingEvents)}; produced {string.Join(", ", events.Select(e => $"{e.Key.Name} {e.Value}"))}");
    }
}
