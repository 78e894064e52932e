using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using SlaTimers.Testing.Postgres;
using SlaTimers.Testing.Processes;
using SlaTimers.Testing.Smtp;
using SlaTimers.Testing.Zendesk;

namespace SlaTimers.MailLoad;

/// <summary>
/// The whole path under a burst: the real executable syncs <c>count</c> tickets from the Zendesk stub whose warnings
/// all come due within one minute, and sends each through its <c>smtp</c> channel to the SMTP server here. The figure
/// is the time from each warning's checkpoint to the server's acceptance of its mail.
/// </summary>
internal static partial class WorkerBurst
{
    /// <summary>Every ticket's resolution budget: its warning (50 %) is due a minute after its creation.</summary>
    private const string Agreement = """
        {
          "id": "burst", "name": "Burst", "kind": "external",
          "priorities": ["urgent", "high", "normal", "low"],
          "policies": [ { "id": "all", "name": "All", "when": {},
            "targets": { "resolution": { "calendar": "24x7",
              "budget": { "urgent": "2m", "high": "2m", "normal": "2m", "low": "2m" },
              "checkpoints": [ { "at": "50%", "notify": ["assignee"] } ] } } } ]
        }
        """;

    private static readonly string Recipients = $$"""
        { "people": { "jan": { "name": "Jan de Vries", "email": "j.devries@example.nl", "language": "en",
                               "helpdeskIds": ["zendesk:{{StubUsers.Agent}}"] } } }
        """;

    private static readonly Duration WarningAfter = Duration.FromMinutes(1);

    public static async Task<double?> RunAsync(int count, string store, TextWriter output)
    {
        await using var smtp = SmtpTestServer.Start();
        var account = new ZendeskAccount();
        await using var stub = await ZendeskStub.StartAsync(account);
        stub.RecordRequests = false;
        using var deployment = WorkerDeployment.Create(WorkerProcess.BesideThisApp);
        deployment.Write("config/agreements/burst.json", Agreement);
        deployment.Write("config/recipients.json", Recipients);
        await using var database = store == "postgres" ? await TestPostgres.CreateDatabaseAsync("slatimers_mailload") : null;

        var settings = new Dictionary<string, string?>
        {
            ["Storage__Provider"] = store,
            ["ConnectionStrings__Sqlite"] = $"Data Source={deployment.Combine("data", "slatimers.db")}",
            ["ConnectionStrings__Postgres"] = database?.ConnectionString,
            ["Helpdesks__zd__Type"] = "zendesk",
            ["Helpdesks__zd__BaseUrl"] = stub.BaseUrl.ToString(),
            ["Helpdesks__zd__Email"] = account.Email,
            ["Helpdesks__zd__ApiToken"] = account.ApiToken,
            ["Helpdesks__zd__PollInterval"] = "00:00:02",
            ["Channels__smtp__Host"] = "127.0.0.1",
            ["Channels__smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Channels__smtp__Security"] = "None",
            ["Channels__smtp__From"] = "slatimers@example.com",
            ["ConfigReload__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__SlaTimers"] = "Information",
        };
        await using var worker = deployment.Start("worker", settings);
        if (!await worker.WaitForLineAsync("Now listening on", TimeSpan.FromMinutes(1)))
        {
            output.WriteLine($"the worker did not start:\n{worker.Tail()}");
            return null;
        }

        // Created over one minute ending 20 s from now (whole seconds, as Zendesk's): the warnings come due from 40 s
        // on, all within one minute, which leaves the sync 40 s to store them.
        var now = Instant.FromUnixTimeSeconds(SystemClock.Instance.GetCurrentInstant().ToUnixTimeSeconds());
        var created = Enumerable.Range(0, count).ToDictionary(i => 90_000L + i, i => now - Duration.FromSeconds(40) + Duration.FromSeconds(i * 60L / count));
        account.Put(created.Select(t => new StubTicket
        {
            Id = t.Key, Created = t.Value, Priority = "normal", AssigneeId = StubUsers.Agent, Subject = $"Burst ticket {t.Key}",
        }));
        var lastDue = created.Values.Max() + WarningAfter;
        output.WriteLine($"{count} warnings due {created.Values.Min() + WarningAfter:HH:mm:ss} to {lastDue:HH:mm:ss} UTC; waiting for their mails");

        var deadline = lastDue + Duration.FromMinutes(2);
        while (smtp.Accepted < count && SystemClock.Instance.GetCurrentInstant() < deadline && !worker.HasExited)
        {
            await Task.Delay(200);
        }

        var latencies = new List<double>();
        foreach (var received in smtp.Log)
        {
            if (TicketId().Match(received.Message.Subject ?? "") is not { Success: true } match) continue;
            var due = created[long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)] + WarningAfter;
            latencies.Add((Instant.FromDateTimeUtc(received.At) - due).TotalMilliseconds);
        }
        latencies.Sort();
        var memory = worker.Memory();
        if (latencies.Count < count)
        {
            output.WriteLine($"only {latencies.Count} of {count} mails arrived\n{worker.Tail(60)}");
            return null;
        }
        double Percentile(double p) => latencies[Math.Clamp((int)Math.Ceiling(p / 100 * latencies.Count) - 1, 0, latencies.Count - 1)];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"worker ({store}) → smtp, burst of {count} warnings within one minute: checkpoint→acceptance p50 {Percentile(50):0} ms, "
            + $"p99 {Percentile(99):0} ms, max {latencies[^1]:0} ms; {smtp.Sessions} SMTP session(s); worker peak RSS "
            + $"{(memory?.PeakResidentBytes ?? 0) / 1048576.0:0} MB (target p99 <= 2000 ms)"));
        return Percentile(99);
    }

    [GeneratedRegex(@"ZD-(\d+)")]
    private static partial Regex TicketId();
}
