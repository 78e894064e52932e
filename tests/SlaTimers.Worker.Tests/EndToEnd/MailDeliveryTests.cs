using System.Diagnostics;
using MimeKit;
using NodaTime;
using SlaTimers.Testing.Network;
using SlaTimers.Testing.Processes;
using SlaTimers.Testing.Smtp;
using SmtpServer.Protocol;
using Xunit.Abstractions;

namespace SlaTimers.Worker.Tests.EndToEnd;

/// <summary>
/// The real executable sending mail through its <c>smtp</c> channel (MailKit) to a real SMTP server on loopback, when
/// that server is away for a while, rejects a message for good, or accepts a message whose sender was killed before
/// it could record the send.
/// </summary>
public sealed class MailDeliveryTests(ITestOutputHelper output)
{
    private static Dictionary<string, string?> Smtp(int port) => new()
    {
        ["Channels__smtp__Host"] = "127.0.0.1",
        ["Channels__smtp__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Channels__smtp__Security"] = "None",
        ["Channels__smtp__From"] = "slatimers@example.com",
        ["Channels__smtp__Timeout"] = "00:00:05",
    };

    [Fact]
    public async Task SmtpServerAwayFor30s_TheWarningsAreRetried_AndEachArrivesOnceAfterItsReturn()
    {
        await using var world = await E2eWorld.CreateAsync("postgres", output);
        await using var smtp = SmtpTestServer.Start();
        await using var away = TcpForwarder.Create("127.0.0.1", smtp.Port, running: false);
        var worker = world.StartWorker("w", overrides: new Dictionary<string, string?>(Smtp(away.Port)) { ["Delivery__LateAfter"] = "00:00:05" });
        await world.WaitForSyncAsync(worker);
        using var http = new HttpClient { BaseAddress = new Uri(await UrlOfAsync(worker)) };

        // Warnings 10 s after creation, breach notices 20 s after: all due while the server is away.
        var tickets = world.PutTickets(7000, 3, _ => E2eWorld.Now, "urgent");
        var expected = tickets.SelectMany(E2eConfig.Keys).ToHashSet();
        await world.EventuallyAsync(async () => (await world.Store.NotificationsAsync()).Count(n => n.LastError is not null) == expected.Count,
            "every notification tried once and failed while the server is away", worker, describe: world.DescribeLedgerAsync);
        // The worker says its deliveries are behind: every one due, waiting for its retry, the oldest past LateAfter.
        await world.EventuallyAsync(async () => Deliveries(await http.GetStringAsync("/healthz")) is (_, var retrying, true) && retrying == expected.Count,
            "/healthz: deliveries late, all retrying", worker, describe: async () => await http.GetStringAsync("/healthz"));
        var back = E2eWorld.Now;
        away.Start();
        world.Log("SMTP server back");

        await world.EventuallyAsync(() => Task.FromResult(smtp.Received.Count >= expected.Count), $"{expected.Count} messages after the server's return",
            worker, TimeSpan.FromSeconds(90), world.DescribeLedgerAsync);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a repeat would come now

        Assert.Equal(expected.Count, smtp.Received.Count);
        Assert.Equal(expected.Count, smtp.Received.Select(m => m.MessageId).Distinct().Count());
        var ledger = await world.Store.NotificationsAsync();
        Assert.Equal(expected.Order(), ledger.Select(n => n.Key).Order());
        Assert.All(ledger, n =>
        {
            Assert.Equal("delivered", n.State);
            Assert.InRange(n.Attempts, 2, 3); // refused while away, then accepted
            Assert.True(n.DeliveredAt >= back, $"{n.Key} delivered at {n.DeliveredAt}, before the server was back at {back}");
        });
        world.Log($"delivered {(ledger.Max(n => n.DeliveredAt!.Value) - back).TotalSeconds:0.0} s after the server's return; attempts "
                  + string.Join(", ", ledger.Select(n => n.Attempts)));
        var after = Deliveries(await http.GetStringAsync("/healthz"));
        Assert.Equal((0, false), (after.Waiting, after.Late));
    }

    /// <summary>The <c>deliveries</c> object of a <c>/healthz</c> answer.</summary>
    private static (int Waiting, int Retrying, bool Late) Deliveries(string health)
    {
        var deliveries = System.Text.Json.JsonDocument.Parse(health).RootElement.GetProperty("deliveries");
        return (deliveries.GetProperty("waiting").GetInt32(), deliveries.GetProperty("retrying").GetInt32(), deliveries.GetProperty("late").GetBoolean());
    }

    [Fact]
    public async Task KilledBetweenTheSendAndItsRecord_TheRetryIsTheSameMessage_WithTheSameMessageId()
    {
        await using var world = await E2eWorld.CreateAsync("postgres", output);
        await using var smtp = SmtpTestServer.Start();
        smtp.Hold();
        var first = world.StartWorker("worker-1", overrides: Smtp(smtp.Port));
        await world.WaitForSyncAsync(first);

        var ticket = world.PutTickets(7100, 1, _ => E2eWorld.Now, "urgent").Single();
        var warning = E2eConfig.Key(ticket.Id, E2eConfig.Warning);
        await smtp.Holding.WaitAsync(E2eWorld.Patience);
        await first.KillAsync();
        smtp.Release(); // the server accepts the message its sender never heard back about
        await world.EventuallyAsync(() => Task.FromResult(smtp.Received.Count == 1), "the held message accepted");
        var sent = smtp.Received.Single();
        world.Log($"killed {first.Name} while the server held {sent.MessageId} ({sent.Subject})");
        Assert.Equal("sending", (await world.Store.NotificationsAsync()).Single(n => n.Key == warning).State);

        var second = world.StartWorker("worker-2", overrides: Smtp(smtp.Port));
        await world.EventuallyAsync(async () => (await world.Store.NotificationsAsync()).Count(n => n.State == "delivered") == 2,
            "the warning (again) and the breach notice delivered", second, TimeSpan.FromSeconds(150), world.DescribeLedgerAsync);

        var copies = smtp.Received.Where(m => m.Subject == sent.Subject).ToList();
        Assert.Equal(2, copies.Count);
        Assert.Equal(sent.MessageId, copies[1].MessageId);
        // The same message for the receiving side: id, thread and addresses; its figures are those of the resend.
        Assert.Equal(sent.InReplyTo, copies[1].InReplyTo);
        Assert.Equal(sent.References, copies[1].References);
        Assert.Equal(sent.To.ToString(), copies[1].To.ToString());
        Assert.Equal(2, (await world.Store.NotificationsAsync()).Single(n => n.Key == warning).Attempts);
        Assert.Equal(3, smtp.Received.Count); // the breach notice once
    }

    [Fact]
    public async Task APermanentRejection_IsRecordedFailed_AndShownOnTheDashboard_WhileTheOthersArrive()
    {
        await using var world = await E2eWorld.CreateAsync("sqlite", output);
        await using var smtp = SmtpTestServer.Start();
        var rejected = 7201L;
        smtp.ReplyTo = m => (m.Subject ?? "").Contains($"ZD-{rejected}", StringComparison.Ordinal)
            ? new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "5.1.1 mailbox unavailable")
            : null;
        var worker = world.StartWorker("w", overrides: Smtp(smtp.Port));
        await world.WaitForSyncAsync(worker);

        var tickets = world.PutTickets(7200, 3, _ => E2eWorld.Now, "urgent");
        var expected = tickets.SelectMany(E2eConfig.Keys).ToHashSet();
        await world.EventuallyAsync(async () => (await world.Store.NotificationsAsync()).Count(n => n.State is "delivered" or "failed") == expected.Count,
            "every notification delivered or failed", worker, describe: world.DescribeLedgerAsync);

        var ledger = await world.Store.NotificationsAsync();
        var failed = ledger.Where(n => n.State == "failed").ToList();
        Assert.Equal([E2eConfig.Key(rejected, E2eConfig.Breach), E2eConfig.Key(rejected, E2eConfig.Warning)], failed.Select(n => n.Key).Order());
        Assert.All(failed, n =>
        {
            Assert.Equal(1, n.Attempts); // a 5xx is final: never retried
            Assert.Contains("mailbox unavailable", n.LastError);
        });
        Assert.Equal(4, smtp.Received.Count);
        Assert.DoesNotContain(smtp.Received, m => (m.Subject ?? "").Contains($"ZD-{rejected}", StringComparison.Ordinal));

        using var http = new HttpClient { BaseAddress = new Uri(await UrlOfAsync(worker)) };
        var page = await http.GetStringAsync("/hangfire/sla/failed-notifications");
        Assert.Contains($"ZD-{rejected}", page);
        Assert.Contains("mailbox unavailable", page);
    }

    /// <summary>The worker's address, from its "Now listening on: …" line.</summary>
    private static async Task<string> UrlOfAsync(WorkerProcess worker)
    {
        const string Listening = "Now listening on: ";
        Assert.True(await worker.WaitForLineAsync(Listening, E2eWorld.Patience), worker.Tail());
        var line = worker.LinesWith(Listening)[0].Text;
        return line[(line.IndexOf(Listening, StringComparison.Ordinal) + Listening.Length)..].Trim();
    }
}
