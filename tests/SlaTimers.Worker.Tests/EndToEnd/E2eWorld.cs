using System.Diagnostics;
using NodaTime;
using SlaTimers.Notifications.Messages;
using SlaTimers.Testing.Processes;
using SlaTimers.Testing.Zendesk;
using Xunit.Abstractions;

namespace SlaTimers.Worker.Tests.EndToEnd;

/// <summary>
/// Everything one end-to-end test runs against: a Zendesk stub serving an account, a deployment folder with the
/// <see cref="E2eConfig"/> config, a store, and the worker processes it starts (each with its own pickup folder
/// unless told otherwise). Disposing stops the workers (printing their last output to the test log) and removes it all.
/// </summary>
public sealed class E2eWorld : IAsyncDisposable
{
    /// <summary>
    /// How long any one condition may take to come true; tests poll, they never sleep for correctness. Long enough for a
    /// maintenance run (every minute) to replace a stranded timer job (see <see cref="Settings"/>).
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(100);

    private readonly List<WorkerProcess> _workers = [];
    private readonly ITestOutputHelper _output;

    private E2eWorld(ZendeskAccount account, ZendeskStub stub, WorkerDeployment deployment, E2eStore store, ITestOutputHelper output)
    {
        Account = account;
        Stub = stub;
        Deployment = deployment;
        Store = store;
        _output = output;
    }

    public ZendeskAccount Account { get; }
    public ZendeskStub Stub { get; }
    public WorkerDeployment Deployment { get; }
    public E2eStore Store { get; }

    public static Instant Now => SystemClock.Instance.GetCurrentInstant();

    /// <param name="store">Made for the deployment's data folder (SQLite) or on its own (PostgreSQL).</param>
    public static async Task<E2eWorld> CreateAsync(Func<string, Task<E2eStore>> store, ITestOutputHelper output)
    {
        var account = new ZendeskAccount();
        var stub = await ZendeskStub.StartAsync(account);
        var deployment = WorkerDeployment.Create(WorkerProcess.BesideThisApp);
        deployment.Write("config/agreements/e2e-sla.json", E2eConfig.Agreement);
        deployment.Write("config/recipients.json", E2eConfig.Recipients);
        return new E2eWorld(account, stub, deployment, await store(deployment.Combine("data")), output);
    }

    public static Task<E2eWorld> CreateAsync(string engine, ITestOutputHelper output) => CreateAsync(engine switch
    {
        "postgres" => async _ => await PostgresE2eStore.CreateAsync(),
        "sqlite" => folder => Task.FromResult<E2eStore>(new SqliteE2eStore(folder)),
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "postgres or sqlite"),
    }, output);

    /// <summary>The settings every worker of the test gets, before the test's own.</summary>
    public Dictionary<string, string?> Settings(string outbox) => new(Store.Settings)
    {
        ["Helpdesks__zd__Type"] = "zendesk",
        ["Helpdesks__zd__BaseUrl"] = Stub.BaseUrl.ToString(),
        ["Helpdesks__zd__Email"] = Account.Email,
        ["Helpdesks__zd__ApiToken"] = Account.ApiToken,
        ["Helpdesks__zd__PollInterval"] = "00:00:01",
        ["Helpdesks__zd__PageSize"] = "100",
        ["Channels__pickup__Directory"] = outbox,
        // Recovery after a crash within the test's minutes: a dead sender's claim and its fetched jobs expire soon.
        ["Delivery__ClaimLease"] = "00:00:30",
        ["Delivery__RecoverAfter"] = "00:00:10",
        ["Hangfire__InvisibilityTimeout"] = "00:01:00",
        // A timer job the job store strands (Hangfire.Storage.SQLite once left one "Enqueued" with no queue row) is
        // replaced by the next maintenance run after these, as in production after a minute and five: within Patience.
        ["Timers__LostJobGrace"] = "00:00:10",
        ["Timers__StuckJobAfter"] = "00:00:15",
        ["ConfigReload__Enabled"] = "false",
        // Every request of the sync is logged at Information otherwise; the test output keeps the worker's own lines.
        ["Logging__LogLevel__System.Net.Http.HttpClient"] = "Warning",
        ["Logging__LogLevel__Polly"] = "Warning",
    };

    /// <summary>The ledger in short: rows per state and attempts, and the rows not delivered.</summary>
    public async Task<string> DescribeLedgerAsync()
    {
        var ledger = await Store.NotificationsAsync();
        var summary = string.Join(", ", ledger.GroupBy(n => (n.State, n.Attempts)).OrderBy(g => g.Key).Select(g => $"{g.Key.State}×{g.Key.Attempts}: {g.Count()}"));
        var open = ledger.Where(n => n.State != "delivered").Take(20).Select(n => $"  {n.Key} {n.State} attempts {n.Attempts} due {n.DueAt} error {n.LastError}");
        return $"ledger: {ledger.Count} rows ({summary})\n{string.Join("\n", open)}\n"
            + $"hangfire: {await Store.JobCountAsync("Scheduled", "")} scheduled, {await Store.JobCountAsync("Enqueued", "")} enqueued, "
            + $"{await Store.JobCountAsync("Processing", "")} processing, {await Store.JobCountAsync("Failed", "")} failed\n"
            + await Store.DescribeHangfireAsync();
    }

    /// <summary>Starts a worker writing to <c>outbox-{name}</c> (or <paramref name="outbox"/>), with <paramref name="overrides"/> on top of <see cref="Settings"/>.</summary>
    public WorkerProcess StartWorker(string name, string? outbox = null, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = Settings(outbox ?? Outbox(name));
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        var worker = Deployment.Start(name, settings);
        _workers.Add(worker);
        return worker;
    }

    public string Outbox(string name) => Deployment.Combine($"outbox-{name}");

    /// <summary>The .eml files of a pickup folder, by file name (the half-written <c>.tmp</c> of a killed sender excluded).</summary>
    public static IReadOnlyList<string> Messages(string outbox) =>
        Directory.Exists(outbox) ? [.. Directory.EnumerateFiles(outbox, "*.eml").Select(Path.GetFileName).OfType<string>()] : [];

    public static string FileOf(string key) => MessageIds.FileName(key) + ".eml";

    /// <summary>Puts <paramref name="count"/> tickets (ids from <paramref name="firstId"/>) into the account, created by <paramref name="created"/>.</summary>
    public IReadOnlyList<StubTicket> PutTickets(long firstId, int count, Func<int, Instant> created, string priority)
    {
        var tickets = Enumerable.Range(0, count).Select(i => E2eConfig.Ticket(firstId + i, created(i), priority)).ToList();
        Account.Put(tickets);
        return tickets;
    }

    /// <summary>Waits until the worker's sync has asked the stub for changes at least <paramref name="exports"/> times.</summary>
    public async Task WaitForSyncAsync(WorkerProcess worker, long exports = 1)
    {
        await EventuallyAsync(() => Task.FromResult(Stub.Count(StubRoute.Export) >= exports), $"the worker's sync to read the helpdesk ({exports} exports)", worker);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> and the workers' output otherwise.</summary>
    public async Task EventuallyAsync(Func<Task<bool>> condition, string what, WorkerProcess? alive = null, TimeSpan? patience = null, Func<Task<string>>? describe = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition()) return;
            if (alive is { HasExited: true }) Assert.Fail($"Waiting for {what}, {alive.Name} exited with {alive.ExitCode}.\n{alive.Tail()}");
            if (clock.Elapsed > (patience ?? Patience))
            {
                var state = describe is null ? "" : await describe() + "\n";
                Assert.Fail($"Not within {(patience ?? Patience).TotalSeconds:0} s: {what}.\n{state}{string.Join("\n", _workers.Select(w => w.Tail(40)))}");
            }
            await Task.Delay(200);
        }
    }

    public void Log(string line) => _output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            try
            {
                _output.WriteLine(worker.Tail(30));
            }
            catch (InvalidOperationException)
            {
                // No test is running to write to any more.
            }
            await worker.DisposeAsync();
        }
        await Stub.DisposeAsync();
        await Store.DisposeAsync();
        Deployment.Dispose();
    }
}
