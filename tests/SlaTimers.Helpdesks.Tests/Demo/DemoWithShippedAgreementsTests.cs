using System.Reflection;
using NodaTime;
using NodaTime.Testing;
using SlaTimers.Configuration;
using SlaTimers.Core.Clocks;
using SlaTimers.Helpdesks.Demo;

namespace SlaTimers.Helpdesks.Tests.Demo;

/// <summary>The demo is for seeing SlaTimers work: with the shipped config/, warnings come within two minutes.</summary>
public class DemoWithShippedAgreementsTests
{
    private static readonly SlaConfiguration Config = SlaConfigurationLoader.Load(ConfigFolder()).GetOrThrow();

    [Theory]
    [InlineData("2026-11-25T09:00:00Z")] // Wednesday morning in Amsterdam: the servicedesk is open
    [InlineData("2026-11-28T23:30:00Z")] // Saturday night: only the 24x7 major-incident policy runs
    public async Task Checkpoints_of_the_shipped_agreements_come_due_within_two_minutes_of_the_first_sync(string start)
    {
        var now = NodaTime.Text.InstantPattern.ExtendedIso.Parse(start).Value;
        var source = new DemoTicketSource("demo", new DemoOptions(), new FakeClock(now));

        var page = await source.ReadChangesAsync(null, CancellationToken.None);

        var due = (
            from ticket in page.Tickets
            from clock in ClockEvaluator.Evaluate(ticket, Config.Rules, now + Duration.FromMinutes(2), knownSince: now)
            from checkpoint in TicketCheckpoints.DueNow([clock])
            select (ticket.DisplayId, clock.Key, checkpoint.Checkpoint.Definition)).ToList();
        Assert.True(due.Count >= 3, $"only {due.Count} checkpoints due within two minutes: {string.Join("; ", due)}");
        Assert.Contains(due, d => d.Key.StartsWith("gemeente-voorbeeld/firstResponse", StringComparison.Ordinal));
        Assert.Contains(due, d => d.Key.StartsWith("gemeente-voorbeeld/periodicUpdate", StringComparison.Ordinal));
        Assert.Contains(due, d => d.Key.StartsWith("gemeente-voorbeeld/resolution", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_ticket_created_3h50m_ago_breaches_its_resolution_ten_minutes_in()
    {
        var now = Instant.FromUtc(2026, 11, 28, 23, 30);
        var source = new DemoTicketSource("demo", new DemoOptions(), new FakeClock(now));

        var page = await source.ReadChangesAsync(null, CancellationToken.None);

        var ticket = page.Tickets.Single(t => now - t.Created == Duration.FromMinutes(230));
        var resolution = ClockEvaluator.Evaluate(ticket, Config.Rules, now, knownSince: now)
            .Single(c => c.Key == "gemeente-voorbeeld/resolution/1");
        Assert.Equal(now + Duration.FromMinutes(10), resolution.Deadline);
    }

    private static string ConfigFolder()
    {
        var root = typeof(DemoWithShippedAgreementsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
        return Path.Combine(root, "config");
    }
}
