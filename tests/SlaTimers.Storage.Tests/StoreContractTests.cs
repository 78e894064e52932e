using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Tests.Support;
using Xunit.Abstractions;

namespace SlaTimers.Storage.Tests;

/// <summary>
/// The storage contract: every test here runs on SQLite (<see cref="SqliteStoreTests"/>) and on PostgreSQL
/// (<see cref="PostgresStoreTests"/>). Tests share their class's database and keep apart by source name.
/// </summary>
public abstract partial class StoreContractTests(StoreFixture fixture, ITestOutputHelper output)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private protected StoreFixture Fixture { get; } = fixture;
    private protected ITestOutputHelper Output { get; } = output;

    private protected ITicketStore Tickets => Fixture.Backend.Tickets;
    private protected ITimerStore Timers => Fixture.Backend.Timers;
    private protected INotificationLedger Ledger => Fixture.Backend.Ledger;

    private protected async Task<TicketRecord?> GetAsync(TicketKey key) =>
        (await Tickets.GetTicketsAsync([key], None)).GetValueOrDefault(key);

    private protected async Task<TicketRecord> GetRequiredAsync(TicketKey key) =>
        await GetAsync(key) ?? throw new Xunit.Sdk.XunitException($"Ticket {key} is not stored.");
}

public sealed class SqliteStoreTests(SqliteFixture fixture, ITestOutputHelper output)
    : StoreContractTests(fixture, output), IClassFixture<SqliteFixture>;

public sealed class PostgresStoreTests(PostgresFixture fixture, ITestOutputHelper output)
    : StoreContractTests(fixture, output), IClassFixture<PostgresFixture>;
