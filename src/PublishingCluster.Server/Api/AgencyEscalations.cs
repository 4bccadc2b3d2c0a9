using System.Collections.Immutable;
using PublishingCluster.Actors.Accounts;
using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Escalations;
using PublishingCluster.Server.Hosting;

namespace PublishingCluster.Server.Api;

/// <summary>One escalation and the account it belongs to.</summary>
public sealed record AgencyEscalation(string AccountId, Escalation Escalation);

public sealed record AgencyEscalationsFound(string AgencyId, ImmutableList<AgencyEscalation> Escalations);

/// <summary>
/// An agency's escalations across its accounts, rebuilt from the escalation events its accounts stored under the
/// agency's escalations tag: no account is woken, and no list of the agency's accounts is needed.
/// </summary>
public sealed class AgencyEscalations(TaggedJournalReader journal)
{
    public Task<ImmutableList<AgencyEscalation>> ReadAsync(string agencyId, Func<string, bool> maySee, EscalationFilter filter, CancellationToken cancellationToken) =>
        ReadTagAsync(EscalationTags.TagFor(agencyId), maySee, filter, cancellationToken);

    /// <summary>Every agency's escalations (the operator's view), from the tag all escalation events carry.</summary>
    public Task<ImmutableList<AgencyEscalation>> ReadAllAsync(EscalationFilter filter, CancellationToken cancellationToken) =>
        ReadTagAsync(EscalationTags.All, _ => true, filter, cancellationToken);

    private async Task<ImmutableList<AgencyEscalation>> ReadTagAsync(string tag, Func<string, bool> maySee, EscalationFilter filter, CancellationToken cancellationToken)
    {
        var escalations = new Dictionary<(string AccountId, string EscalationId), Escalation>();
        await foreach (var envelope in journal.EventsAsync(tag, 0, cancellationToken))
        {
            if (ClientAccountActor.AccountIdOf(envelope.PersistenceId) is not { } accountId || !maySee(accountId))
            {
                continue;
            }

            Apply(escalations, accountId, envelope.Event);
        }

        return [.. escalations
            .Where(e => filter.Matches(e.Value))
            .Select(e => new AgencyEscalation(e.Key.AccountId, e.Value))
            .OrderByDescending(e => e.Escalation.RaisedAt)
            .ThenBy(e => e.AccountId, StringComparer.Ordinal)
            .ThenBy(e => e.Escalation.EscalationId, StringComparer.Ordinal)];
    }

    /// <summary>The same changes the account makes to its own escalations (see the domain's evolution), over the tagged events alone.</summary>
    private static void Apply(Dictionary<(string, string), Escalation> escalations, string accountId, object @event)
    {
        switch (@event)
        {
            case EscalationRaised e:
                escalations[(accountId, e.EscalationId)] = new Escalation(e.EscalationId, e.Cause, e.Subject, e.Level, e.Assignee, e.At, e.NextClimbAt);
                break;
            case EscalationClimbed e when escalations.TryGetValue((accountId, e.EscalationId), out var x):
                escalations[(accountId, e.EscalationId)] = x with { Level = e.Level, Assignee = e.Assignee, NextClimbAt = e.NextClimbAt };
                break;
            case EscalationAcknowledged e when escalations.TryGetValue((accountId, e.EscalationId), out var x):
                escalations[(accountId, e.EscalationId)] = x with { AcknowledgedAt = e.At, AcknowledgedBy = e.By, NextClimbAt = null };
                break;
            case EscalationResolved e when escalations.TryGetValue((accountId, e.EscalationId), out var x):
                escalations[(accountId, e.EscalationId)] = x with { ResolvedAt = e.At, ResolvedBy = e.By, NextClimbAt = null };
                break;
        }
    }
}
