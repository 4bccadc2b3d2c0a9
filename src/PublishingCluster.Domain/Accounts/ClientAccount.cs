using PublishingCluster.Domain.Channels;
using PublishingCluster.Domain.Common;
using PublishingCluster.Domain.Contracts;
using PublishingCluster.Domain.Engagement;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Domain.Posts;
using PublishingCluster.Domain.Publishing;
using PublishingCluster.Domain.Reporting;

namespace PublishingCluster.Domain.Accounts;

/// <summary>
/// The client account as an event-sourced decider: <see cref="Decide"/> turns a command into events or a
/// rejection without changing anything; <see cref="Evolve"/> applies one event. A rejected command yields no
/// event, and replaying the events of accepted commands rebuilds exactly the state they produced.
/// </summary>
public static class ClientAccount
{
    public static Decision Decide(AccountState state, IAccountCommand command, DateTimeOffset now) =>
        Decide(state, command, now, PublishingPolicy.Default);

    public static Decision Decide(AccountState state, IAccountCommand command, DateTimeOffset now, PublishingPolicy policy)
    {
        if (command.AccountId != state.AccountId)
        {
            throw new ArgumentException($"Command for account {command.AccountId} sent to account {state.AccountId}.", nameof(command));
        }

        if (command is OpenAccount open)
        {
            return AccountDecisions.Open(state, open, now);
        }

        if (!state.IsOpen)
        {
            return Decision.Reject(Rejection.NotFound("accountId", "account.not-found", $"There is no account '{state.AccountId}'."));
        }

        return EscalationDecisions.FollowUp(state, DecideOpen(state, command, now, policy), now);
    }

    private static Decision DecideOpen(AccountState state, IAccountCommand command, DateTimeOffset now, PublishingPolicy policy) =>
        command switch
        {
            UpdateContract c => ContractDecisions.Update(state, c, now),
            ConnectChannel c => ChannelDecisions.Connect(state, c, now),
            CreatePost c => PostDecisions.Create(state, c, now),
            SubmitPostForReview c => PostDecisions.Submit(state, c, now),
            ApprovePost c => PostDecisions.Approve(state, c, now),
            ClientApprovePost c => PostDecisions.ClientApprove(state, c, now),
            RejectPost c => PostDecisions.Reject(state, c, now),
            SchedulePost c => PostScheduling.Schedule(state, c.PostId, c.Target, now, reschedule: false),
            ReschedulePost c => PostScheduling.Schedule(state, c.PostId, c.Target, now, reschedule: true),
            CancelPost c => PostDecisions.Cancel(state, c, now),
            StartPublishing c => PublishingDecisions.Start(state, c, now, policy),
            PublishDue => PublishingDecisions.PublishDue(state, now, policy),
            RecordPublished c => PublishingDecisions.Published(state, c, now),
            RecordPublishFailed c => PublishingDecisions.Failed(state, c, now),
            RecordPublishRetryable c => PublishingDecisions.Retryable(state, c, now, policy),
            ExpirePost c => PublishingDecisions.Expire(state, c, now),
            CloseReportingPeriods => ReportingDecisions.CloseDue(state, now),
            AcknowledgeReport c => ReportingDecisions.Acknowledge(state, c, now),
            RecordGoalMeasurement c => ReportingDecisions.RecordMeasurement(state, c, now),
            ReceiveEngagement c => EngagementDecisions.Receive(state, c, now),
            RespondToEngagement c => EngagementDecisions.Respond(state, c, now),
            AssignEngagement c => EngagementDecisions.Assign(state, c, now),
            CloseEngagement c => EngagementDecisions.Close(state, c, now),
            CheckEscalations => EscalationDecisions.Check(state, now),
            AcknowledgeEscalation c => EscalationDecisions.Acknowledge(state, c, now),
            ResolveEscalation c => EscalationDecisions.Resolve(state, c, now),
            RequestContent c => PartnershipDecisions.RequestContent(state, c, now),
            DeliverContent c => PartnershipDecisions.DeliverContent(state, c, now),
            MakeRecommendation c => PartnershipDecisions.MakeRecommendation(state, c, now),
            AnswerRecommendation c => PartnershipDecisions.AnswerRecommendation(state, c, now),
            RecordClientContact c => PartnershipDecisions.RecordContact(state, c, now),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown account command."),
        };

    public static AccountState Evolve(AccountState state, IAccountEvent @event) =>
        AccountEvolution.Apply(state, @event) with { Version = state.Version + 1 };

    /// <summary>Rebuilds an account from its history.</summary>
    public static AccountState Replay(string accountId, IEnumerable<IAccountEvent> events) =>
        events.Aggregate(AccountState.Unopened(accountId), Evolve);
}
