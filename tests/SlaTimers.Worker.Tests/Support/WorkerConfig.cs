using SlaTimers.Configuration;

namespace SlaTimers.Worker.Tests.Support;

/// <summary>
/// A config folder for the worker tests: one agreement <c>test-sla</c> on the built-in <c>24x7</c> calendar with a
/// resolution budget of seconds (priorities <c>high</c> and <c>low</c>), and a few people and groups.
/// Tickets of the group <c>Desk</c> notify the group; all others notify the assignee; both at 50 % of the budget.
/// </summary>
public static class WorkerConfig
{
    public const string AgreementId = "test-sla";
    public const string ClockKey = "test-sla/resolution/1";
    public const string CheckpointKey = "warn-50%";

    /// <summary>The budget of priority high: the checkpoint is half of it after the ticket's creation.</summary>
    public static readonly TimeSpan HighBudget = TimeSpan.FromSeconds(4);

    public static readonly TimeSpan LowBudget = TimeSpan.FromSeconds(40);

    public const string Agreement = """
        {
          "id": "test-sla",
          "name": "Test SLA",
          "kind": "external",
          "priorities": ["high", "low"],
          "policies": [
            { "id": "desk", "name": "Desk tickets", "when": { "group": ["Desk"] },
              "targets": { "resolution": { "calendar": "24x7", "budget": { "high": "4s", "low": "40s" },
                "checkpoints": [ { "at": "50%", "notify": ["group"] } ] } } },
            { "id": "other", "name": "Other tickets", "when": {},
              "targets": { "resolution": { "calendar": "24x7", "budget": { "high": "4s", "low": "40s" },
                "checkpoints": [ { "at": "50%", "notify": ["assignee"] } ] } } }
          ]
        }
        """;

    /// <summary>bob's address makes the test channel strategy refuse his mail for good ("550"): see <c>TestChannels</c>.</summary>
    public const string Recipients = """
        {
          "people": {
            "ann":   { "name": "Ann Agent",   "email": "ann@example.com",        "language": "en", "helpdeskIds": ["agent-ann"] },
            "bob":   { "name": "Bob Bounce",  "email": "bob.bounce@example.com", "language": "en" },
            "carol": { "name": "Carol Clerk", "email": "carol@example.com",      "language": "nl" }
          },
          "groups": {
            "Desk": { "members": ["bob", "carol"], "lead": "carol", "manager": "carol" }
          },
          "channels": {}
        }
        """;

    public static TempFolder Create()
    {
        var folder = new TempFolder();
        folder.Write("agreements/test-sla.json", Agreement);
        folder.Write("recipients.json", Recipients);
        return folder;
    }

    public static SlaConfiguration Load(TempFolder folder) => SlaConfigurationLoader.Load(folder.Path).GetOrThrow();
}
