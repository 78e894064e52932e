using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Tickets;
using SlaTimers.Testing.Processes;

namespace SlaTimers.LoadDriver;

/// <summary>
/// The worker's config under load: the shipped config/ (calendars, agreements, recipients, templates) as the build
/// copies it beside slatimers.dll, plus an agreement for the latency tickets — the organization
/// <see cref="LatencyOrganization"/> on the 24x7 calendar, a warning at 50 % of <see cref="LatencyBudget"/> to the
/// assignee, an agent without quiet hours — so that their warnings come due to the second.
/// </summary>
public static class LoadConfig
{
    public const string Helpdesk = "zd";
    public const string LatencyOrganization = "Latency BV";
    public const long LatencyAgent = 999001;
    public const string LatencyClock = "latency/resolution/1";
    public const string LatencyCheckpoint = "warn-50%";
    public static readonly Duration LatencyBudget = Duration.FromMinutes(4);

    private const string LatencyAgreement = """
        {
          "id": "latency",
          "name": "Latency measurement",
          "kind": "external",
          "organizations": ["Latency BV"],
          "priorities": ["P1", "P2", "P3", "P4"],
          "policies": [
            { "id": "all", "name": "All latency tickets", "when": {},
              "targets": { "resolution": { "calendar": "24x7",
                "budget": { "P1": "4m", "P2": "4m", "P3": "4m", "P4": "4m" },
                "checkpoints": [ { "at": "50%", "notify": ["assignee"] } ] } } }
          ]
        }
        """;

    /// <summary>A deployment with the shipped config and the latency agreement.</summary>
    public static WorkerDeployment CreateDeployment(string dll)
    {
        var deployment = WorkerDeployment.Create(dll);
        var shipped = Path.Combine(Path.GetDirectoryName(dll)!, "config");
        foreach (var file in Directory.EnumerateFiles(shipped, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(deployment.ConfigPath, Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        deployment.Write("config/agreements/latency.json", LatencyAgreement);

        var recipients = JsonNode.Parse(File.ReadAllText(Path.Combine(deployment.ConfigPath, "recipients.json")))!.AsObject();
        var people = recipients["people"]!.AsObject();
        people["latency-agent"] = Person("Latency Agent", "latency@example.nl", LatencyAgent);
        // The account's other agents are people too, so that their warnings are delivered rather than refused as
        // unresolved assignees (the shipped recipients know only the first, Jan de Vries).
        foreach (var agent in LoadTickets.Agents.Skip(1))
        {
            var id = agent.ToString(CultureInfo.InvariantCulture);
            people[$"load-agent-{id}"] = Person($"Load Agent {id}", $"agent-{id}@example.nl", agent);
        }
        File.WriteAllText(Path.Combine(deployment.ConfigPath, "recipients.json"), recipients.ToJsonString());
        return deployment;
    }

    /// <summary>A person of recipients.json, known to the helpdesk as the Zendesk user <paramref name="zendeskUser"/>.</summary>
    private static JsonObject Person(string name, string email, long zendeskUser) => new()
    {
        ["name"] = name,
        ["email"] = email,
        ["language"] = "en",
        ["helpdeskIds"] = new JsonArray($"zendesk:{zendeskUser.ToString(CultureInfo.InvariantCulture)}"),
    };

    /// <summary>The helpdesk and worker settings of a load run (the store's come on top).</summary>
    public static Dictionary<string, string?> Settings(Uri stub, string outbox, int pageSize, int auditConcurrency) => new()
    {
        ["Helpdesks__zd__Type"] = "zendesk",
        ["Helpdesks__zd__BaseUrl"] = stub.ToString(),
        ["Helpdesks__zd__Email"] = "agent@example.com",
        ["Helpdesks__zd__ApiToken"] = "s3cr3t-token",
        ["Helpdesks__zd__PollInterval"] = "00:00:01",
        ["Helpdesks__zd__PageSize"] = pageSize.ToString(CultureInfo.InvariantCulture),
        ["Helpdesks__zd__AuditConcurrency"] = auditConcurrency.ToString(CultureInfo.InvariantCulture),
        ["Helpdesks__zd__PriorityMap__urgent"] = "P1",
        ["Helpdesks__zd__PriorityMap__high"] = "P2",
        ["Helpdesks__zd__PriorityMap__normal"] = "P3",
        ["Helpdesks__zd__PriorityMap__low"] = "P4",
        ["Channels__pickup__Directory"] = outbox,
        ["ConfigReload__Enabled"] = "false",
        // The run's own progress lines, not one line per HTTP request and delivery.
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging__LogLevel__SlaTimers.Worker.Sync.SyncJob"] = "Information",
    };

    public static string LatencyKey(long ticketId) => Notification.MakeKey(
        new TicketKey(Helpdesk, ticketId.ToString(CultureInfo.InvariantCulture)), LatencyClock, LatencyCheckpoint, "person:latency-agent");
}
