using PublishingCluster.Domain.Accounts;
using PublishingCluster.Domain.Partnership;
using PublishingCluster.Simulation.Clients;

namespace PublishingCluster.Simulation.Agency;

/// <summary>
/// What the agency asks of a client each week, and what the client calls about each day, with the client's answers
/// and when they come: the same for the in-process run and the rehearsal over HTTP. <c>accountId</c> is the id the
/// commands carry (the server's, over HTTP); the client is named by its blueprint, so its chances do not change.
/// </summary>
public static class ClientAsks
{
    /// <summary>
    /// With each week's drafts the agency asks the client for the next week's material (due in four days), and every
    /// other week gives a recommendation to answer within a week. The client delivers and accepts as it does, before
    /// <paramref name="end"/> or never.
    /// </summary>
    public static (List<IAccountCommand> Asked, List<(DateTimeOffset At, IAccountCommand Command)> Answers) Weekly(
        string accountId, SimulatedClient client, int week, DateTimeOffset now, DateTimeOffset end)
    {
        var asked = new List<IAccountCommand>();
        var answers = new List<(DateTimeOffset, IAccountCommand)>();
        var requestId = $"content-w{week:D3}";
        asked.Add(new RequestContent(accountId, requestId, $"Photos and news for week {week}", now.AddDays(4), AccountBlueprint.AccountManager));
        if (client.DeliversContent(requestId, now) is { } delivers && delivers < end)
        {
            answers.Add((delivers, new DeliverContent(accountId, requestId, AccountBlueprint.ClientContact)));
        }

        if (week % 2 == 1)
        {
            var adviceId = $"advice-w{week:D3}";
            asked.Add(new MakeRecommendation(accountId, adviceId, "Add short videos to Instagram and answer comments within the hour.", now.AddDays(7), AccountBlueprint.AccountManager));
            if (client.AcceptsRecommendation(adviceId, now) is { } accepts && accepts < end)
            {
                answers.Add((accepts, new AnswerRecommendation(accountId, adviceId, Accepted: true, AccountBlueprint.ClientContact)));
            }
        }

        return (asked, answers);
    }

    /// <summary>The call or email the client makes on <paramref name="day"/>, logged by the account manager when it happens; null: none.</summary>
    public static (DateTimeOffset At, RecordClientContact Command)? ContactOn(string accountId, SimulatedClient client, DateOnly day, DateTimeOffset end) =>
        client.ContactsOn(day) is { } contact && contact.At < end
            ? (contact.At, new RecordClientContact(accountId, $"contact-{day:yyyyMMdd}", contact.Medium, "The client asked how the campaign is going.", contact.At, AccountBlueprint.AccountManager))
            : null;
}
