namespace PublishingCluster.Server.Tests.Support;

/// <summary>Valid request bodies, as a client would write them, for tests to start from and break.</summary>
public static class Requests
{
    public static string OpenAccount(string name = "Contoso Coffee", string timeZone = "Europe/London") => $$"""
        {
          "name": "{{name}}",
          "contract": {
            "scope": [ { "network": "LinkedIn", "postsPerWeek": 5 }, { "network": "X", "postsPerWeek": 10 } ],
            "roles": { "accountManager": "Ada Byron", "clientContentContact": "Grace Hopper" },
            "budget": { "monthlyFee": 4500, "currency": "EUR", "hoursPerMonth": 40, "thirdPartyCosts": 300 },
            "reportingCadence": "Monthly",
            "responseSla": {
              "firstResponseMinutes": 120,
              "negativeFirstResponseMinutes": 30,
              "businessHours": { "timeZone": "{{timeZone}}", "days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], "opens": "09:00:00", "closes": "17:00:00" }
            },
            "contactPolicy": { "medium": "Email", "maxContactsPerWeek": 2 },
            "goals": [ { "goalId": "signups", "metric": "EmailSignUps", "target": 10000, "deadline": "2099-06-30", "reviewPoints": ["2099-03-31"] } ]
          }
        }
        """;

    public static string ConnectChannel(string network = "LinkedIn", string handle = "contoso-coffee", string timeZone = "Europe/London") => $$"""
        {
          "network": "{{network}}",
          "handle": "{{handle}}",
          "timeZone": "{{timeZone}}",
          "queueSlots": [ { "day": "Tuesday", "time": "09:30:00" }, { "day": "Thursday", "time": "12:00:00" } ]
        }
        """;

    public static string CreatePost(string channelId, string text = "Our autumn blend is here.", string title = "Autumn blend launch") => $$"""
        { "title": "{{title}}", "variants": [ { "channelId": "{{channelId}}", "text": "{{text}}" } ] }
        """;
}
