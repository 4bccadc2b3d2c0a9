using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Domain.Tests.Fixtures;

namespace PublishingCluster.Domain.Tests.Partnership;

/// <summary>Partnership health and its escalations over random account histories.</summary>
public sealed class PartnershipProperties
{
    [Property]
    public Property The_score_stays_between_0_and_100_and_its_band_follows_it() =>
        Prop.ForAll(RandomHistories.Arbitrary, history =>
        {
            foreach (var step in RandomHistories.Run(history).Where(s => s.After.IsOpen))
            {
                var health = PartnershipHealth.Of(step.After, step.Now);
                Assert.InRange(health.Score, 0, 100);
                Assert.Equal(PartnershipHealth.BandOf(health.Score, step.After.OpenContract.PartnershipTermsOrDefault().HealthThreshold), health.Band);
                Assert.All(health.Factors, f => Assert.True(f.Met <= f.Judged && (f.Score is null) == (f.Judged == 0), $"{f}"));
                Assert.Equal(health.Score == 100, health.Factors.All(f => f.Score is null or 1m));
            }
        });

    [Property]
    public Property Overdue_and_ignored_escalations_are_raised_at_their_deadline_and_only_for_what_was_still_open() =>
        Prop.ForAll(RandomHistories.Arbitrary, history =>
        {
            foreach (var step in RandomHistories.Run(history))
            {
                var partnership = step.Before.PartnershipOrEmpty();
                foreach (var raised in step.Decision.Events.OfType<EscalationRaised>())
                {
                    switch (raised.Cause)
                    {
                        case EscalationCause.ContentRequestOverdue:
                            var request = partnership.ContentRequests[raised.Subject];
                            Assert.False(request.IsDelivered());
                            Assert.Equal(request.DueBy, raised.At);
                            break;
                        case EscalationCause.RecommendationIgnored:
                            var recommendation = partnership.Recommendations[raised.Subject];
                            Assert.Equal(RecommendationOutcome.Pending, recommendation.Outcome);
                            Assert.Equal(recommendation.ReviewBy, raised.At);
                            break;
                        case EscalationCause.ApprovalOverdue:
                            var wait = partnership.Approvals[raised.Subject];
                            Assert.True(wait.IsWaiting());
                            Assert.Equal(wait.SentAt.AddHours(step.Before.OpenContract.PartnershipTermsOrDefault().ApprovalTurnaroundHours), raised.At);
                            break;
                    }

                    Assert.True(raised.At <= step.Now, $"{raised} after {step.Now:O}");
                }
            }
        });
}
