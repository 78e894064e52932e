using System.Diagnostics;
using NodaTime;
using SlaTimers.Notifications.Messages;
using SlaTimers.Testing.Processes;
using SlaTimers.Testing.Zendesk;
using SlaTimers.Worker.Hosting;

namespace SlaTimers.LoadDriver;

/// <summary>What one run measured.</summary>
public sealed record LoadResult(
    string Store,
    string Server,
    int Tickets,
    TimeSpan? Stored,
    TimeSpan? Timed,
    MiddleHalf? MiddleHalf,
    long TimersDue,
    long PeakResidentBytes,
    long HangfireJobs,
    long HangfireJobsCreated,
    double WorkerCpuSeconds,
    double DriverCpuSeconds,
    long AuditRequests,
    int LatencyCheckpoints,
    int LatencyDelivered,
    Duration? LatencyP50,
    Duration? LatencyP99,
    Duration? LatencyMax,
    string Diagnosis,
    string? Problem)
{
    /// <summary>Tickets per second stored, evaluated and given their timers (the slower of the two ends).</summary>
    public double? IngestRate => (Timed ?? Stored) is { } time && time > TimeSpan.Zero && Stored is not null ? Tickets / time.TotalSeconds : null;

    /// <summary>Tickets per second stored and evaluated, their timers' due instants written (not yet their Hangfire jobs).</summary>
    public double? StoreRate => Stored is { } time && time > TimeSpan.Zero ? Tickets / time.TotalSeconds : null;
}

/// <summary>
/// The backfill between a quarter and three quarters of the tickets stored (the first progress polls past each): its
/// rate leaves out the start (the JIT compiling everything, the first pages read at tier-0 speed) and the tail, the
/// parts that vary most from run to run — for comparing changes, beside the whole run's rate the target is set on.
/// </summary>
public sealed record MiddleHalf(TimeSpan From, long FromTickets, TimeSpan To, long ToTickets)
{
    public double Rate => (ToTickets - FromTickets) / (To - From).TotalSeconds;
}

/// <summary>
/// One store under load: the worker started against the stub's <c>N</c> open tickets (backfill: stored, evaluated,
/// timers scheduled), then <c>M</c> latency tickets whose warnings come due within one minute (latency: checkpoint
/// instant → .eml file on disk). Every wait is bounded by <see cref="LoadOptions.PhaseTimeout"/>.
/// </summary>
public sealed class LoadRun(LoadOptions options, Func<string, Task<LoadStore>> createStore, TextWriter log)
{
    /// <summary>The worker's <c>Timers:Horizon</c>: timers due before now + it must have their Hangfire job.</summary>
    private Duration Horizon => Duration.FromTimeSpan(options.TimerHorizon);

    public async Task<LoadResult> RunAsync()
    {
        var epoch = Instant.FromUnixTimeSeconds(SystemClock.Instance.GetCurrentInstant().ToUnixTimeSeconds());
        var tickets = new LoadTickets(epoch);
        var account = tickets.CreateAccount();
        var build = Stopwatch.StartNew();
        account.Put(tickets.Open(1_000_000, options.Tickets));
        Log($"account: {account.TicketCount:N0} open tickets made in {build.Elapsed.TotalSeconds:0.0} s");
        // Every audits page and export page rendered now, before the worker starts: the driver's CPU while the worker
        // runs is taken from the worker (the real Zendesk is another machine), so serving must be all it does then.
        build.Restart();
        var rendered = account.Prerender(options.PageSize);
        Log($"account: rendered ahead, {rendered / 1024.0 / 1024.0:N0} MB of JSON in {build.Elapsed.TotalSeconds:0.0} s");

        await using var stub = await ZendeskStub.StartAsync(account);
        using var deployment = LoadConfig.CreateDeployment(options.WorkerDll);
        await using var store = await createStore(deployment.Combine("data"));
        var server = await store.DescribeAsync();
        Log(server);
        // The stub's and the polls' code compiled and optimized now (JIT work in the backfill is CPU the worker lacks).
        build.Restart();
        await store.WarmUpAsync();
        var warmUp = await WarmUpAsync(account, options.Tickets);
        Log($"driver: warmed up (polls, {warmUp:N0} requests to a second stub) in {build.Elapsed.TotalSeconds:0.0} s");
        await store.PrepareAsync();

        var outbox = deployment.Combine("outbox");
        var settings = LoadConfig.Settings(stub.BaseUrl, outbox, options.PageSize, options.AuditConcurrency);
        // The runtime settings a deployment starts the worker with (runtime.env beside it; --set overrides them, e.g.
        // --set DOTNET_GCgen0size=0 for the runtime's default).
        var runtimeEnv = Path.Combine(Path.GetDirectoryName(options.WorkerDll)!, RuntimeSettingsFile.FileName);
        foreach (var (key, value) in RuntimeSettingsFile.ReadIfPresent(runtimeEnv)) settings[key] = value;
        foreach (var (key, value) in store.Settings) settings[key] = value;
        foreach (var (key, value) in options.Extra) settings[key] = value;
        Log($"worker: runtime settings {string.Join(", ", settings.Where(s => s.Key.StartsWith("DOTNET_", StringComparison.Ordinal)).Select(s => $"{s.Key}={s.Value}").DefaultIfEmpty("(none)"))}");
        await using var worker = deployment.Start("worker", settings);
        Log($"worker: pid {worker.Id}");
        var driverCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var cpuAtStart = CpuSnapshot.Take(worker.Id, store.ClusterPort);

        string? problem = null;
        TimeSpan? stored = null, timed = null;
        StoreProgress progress = new(0, 0);
        var clock = Stopwatch.StartNew();
        TimeSpan? firstExport = null;
        (TimeSpan At, long Tickets)? quarter = null;
        MiddleHalf? middleHalf = null;
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            if (worker.HasExited)
            {
                problem = $"the worker exited ({worker.ExitCode})";
                break;
            }
            if (firstExport is null && stub.Count(StubRoute.Export) > 0) firstExport = clock.Elapsed;
            progress = await store.ProgressAsync(SystemClock.Instance.GetCurrentInstant() + Horizon, timers: stored is not null);
            var since = clock.Elapsed - (firstExport ?? clock.Elapsed);
            if (quarter is null && progress.Tickets * 4 >= options.Tickets) quarter = (since, progress.Tickets);
            if (middleHalf is null && quarter is { } q && progress.Tickets * 4 >= options.Tickets * 3L && since > q.At)
            {
                middleHalf = new MiddleHalf(q.At, q.Tickets, since, progress.Tickets);
            }
            if (stored is null && progress.Tickets >= options.Tickets) stored = since;
            else if (stored is not null && progress.TimersUnscheduled == 0)
            {
                timed = since;
                break;
            }
            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(5))
            {
                lastReport = clock.Elapsed;
                Log($"  {since.TotalSeconds,5:0} s: {progress.Tickets,7:N0} tickets stored, {progress.HangfireJobsCreated,7:N0} Hangfire jobs created, "
                    + $"{stub.Count(StubRoute.Audits),7:N0} audit requests, RSS {Mb(worker.Memory()?.ResidentBytes)}"
                    + (stored is null ? "" : $", {progress.TimersUnscheduled:N0} of {progress.TimersDue:N0} timers due within {Horizon.TotalHours:0.##} h still without their job"));
            }
            if (clock.Elapsed > options.PhaseTimeout)
            {
                problem = $"backfill not done within {options.PhaseTimeout}";
                break;
            }
            await Task.Delay(500);
        }
        if (problem is not null) Log($"{problem}; the worker's last lines:\n{worker.Tail(30)}");
        Log(problem ?? $"backfill: {options.Tickets:N0} stored after {stored?.TotalSeconds:0.0} s, all {progress.TimersDue:N0} timers within {Horizon.TotalHours:0.##} h scheduled after {timed?.TotalSeconds:0.0} s");
        var diagnosis = string.Join("\n", new[]
        {
            $"CPU during the backfill ({clock.Elapsed.TotalSeconds:0} s on {Environment.ProcessorCount} cores): {CpuSnapshot.Take(worker.Id, store.ClusterPort) - cpuAtStart}",
            PageTimeline.Describe(stub.Requests,
                [.. worker.LinesWith("Sync zd: stored ").Select(l => Instant.FromDateTimeUtc(DateTime.SpecifyKind(l.Seen, DateTimeKind.Utc)))], options.PageSize),
            await store.StatementsAsync(),
        }.Where(line => line.Length > 0));
        Log("where the backfill's time went:\n" + diagnosis);
        stub.RecordRequests = false;

        var latency = problem is null && options.LatencyCheckpoints > 0 ? await MeasureLatencyAsync(account, store, worker, outbox) : (Delivered: 0, Latencies: (List<Duration>)[], Problem: (string?)null);
        problem ??= latency.Problem;
        // The worker's own word on late timers (its maintenance job, each minute past Timers:LateAfter).
        var behind = worker.LinesWith("behind their instants");
        Log(behind.Count == 0
            ? "worker: never said its timers were late"
            : $"worker: said {behind.Count} time(s) that its timers were late; the last: {behind[^1].Text.Trim()}");
        var end = await store.ProgressAsync(SystemClock.Instance.GetCurrentInstant() + Horizon, timers: true);
        var peak = worker.Memory()?.PeakResidentBytes ?? 0;
        var workerCpu = CpuSnapshot.Take(worker.Id, store.ClusterPort).Worker;

        worker.Terminate();
        await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var sorted = latency.Latencies.Order().ToList();
        return new LoadResult(store.Name, server, options.Tickets, stored, timed, middleHalf, progress.TimersDue, peak, end.HangfireJobs, end.HangfireJobsCreated,
            workerCpu, (Process.GetCurrentProcess().TotalProcessorTime - driverCpu).TotalSeconds, stub.Count(StubRoute.Audits),
            options.LatencyCheckpoints, latency.Delivered, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Count > 0 ? sorted[^1] : null, diagnosis, problem);
    }

    /// <summary>
    /// <see cref="LoadOptions.LatencyCheckpoints"/> tickets whose warnings come due evenly over one minute, starting a
    /// minute from now (time enough for the next sync to bring them). Latency = the .eml file's time - the checkpoint.
    /// </summary>
    private async Task<(int Delivered, List<Duration> Latencies, string? Problem)> MeasureLatencyAsync(
        ZendeskAccount account, LoadStore store, WorkerProcess worker, string outbox)
    {
        var count = options.LatencyCheckpoints;
        var first = Instant.FromUnixTimeSeconds(SystemClock.Instance.GetCurrentInstant().ToUnixTimeSeconds()) + Duration.FromMinutes(1);
        var toCheckpoint = LoadConfig.LatencyBudget / 2;
        var latency = Enumerable.Range(0, count)
            .Select(i => LoadTickets.Latency(9_000_000 + i, first - toCheckpoint + Duration.FromMilliseconds(60_000.0 * i / count)))
            .ToList();
        // Zendesk times are whole seconds: the checkpoint is 50 % after the second the ticket says it was created.
        var created = latency.ToDictionary(t => LoadConfig.LatencyKey(t.Id), t => Instant.FromUnixTimeSeconds(t.Created.ToUnixTimeSeconds()));
        account.Put(latency.Select(t => t with { Created = created[LoadConfig.LatencyKey(t.Id)] }));
        Log($"latency: {count:N0} warnings due from {first} over one minute");

        var until = first + Duration.FromMinutes(1) + Duration.FromTimeSpan(options.PhaseTimeout);
        var keys = created.Keys.ToList();
        var files = keys.ToDictionary(k => k, k => Path.Combine(outbox, MessageIds.FileName(k) + ".eml"));
        var arrived = new Dictionary<string, Instant>();
        string? problem = null;
        var lastReport = SystemClock.Instance.GetCurrentInstant();
        while (arrived.Count < count)
        {
            foreach (var (key, file) in files)
            {
                if (!arrived.ContainsKey(key) && File.Exists(file)) arrived[key] = Instant.FromDateTimeUtc(File.GetLastWriteTimeUtc(file));
            }
            var now = SystemClock.Instance.GetCurrentInstant();
            if (worker.HasExited)
            {
                problem = $"the worker exited ({worker.ExitCode})";
                break;
            }
            if (now > until)
            {
                problem = $"{count - arrived.Count} of {count} latency warnings not written by {until}";
                break;
            }
            if (now - lastReport > Duration.FromSeconds(10))
            {
                lastReport = now;
                Log($"  {arrived.Count:N0} of {count:N0} latency warnings written");
            }
            await Task.Delay(100);
        }

        var ledger = (await store.LedgerAsync(keys)).ToDictionary(e => e.Key);
        var latencies = new List<Duration>();
        foreach (var (key, at) in arrived)
        {
            // The due instant the worker recorded (the checkpoint), else the one the driver planned.
            var due = ledger.TryGetValue(key, out var entry) ? entry.DueAt : created[key] + toCheckpoint;
            latencies.Add(at - due);
        }
        return (arrived.Count, latencies, problem);
    }

    /// <summary>
    /// Serves requests like the worker's (audits, an export page) from a second stub on the same account before the
    /// worker starts, so that Kestrel's request path is compiled and tiered up then, not in the backfill, whose CPU
    /// the driver shares with the worker. The stub the worker reads counts none of them.
    /// </summary>
    /// <returns>How many requests it made.</returns>
    private static async Task<int> WarmUpAsync(ZendeskAccount account, int tickets)
    {
        await using var stub = await ZendeskStub.StartAsync(account);
        using var http = new HttpClient { BaseAddress = stub.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{account.Email}/token:{account.ApiToken}")));
        var requests = 0;
        // Rounds with pauses between them: a method is recompiled (optimized) in the background after its first 30
        // calls and a quiet 100 ms; a hot loop's methods get there in the next round.
        for (var round = 0; round < 4 && tickets > 0; round++)
        {
            using (var export = await http.GetAsync($"{ZendeskJson.ExportPath}?per_page=1000&cursor=c0")) export.EnsureSuccessStatusCode();
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async connection =>
            {
                for (var i = 0; i < 250; i++)
                {
                    using var audits = await http.GetAsync(ZendeskJson.AuditsPath(1_000_000 + (connection * 250 + i) % tickets));
                    audits.EnsureSuccessStatusCode();
                }
            }));
            requests += 1 + 4 * 250;
            await Task.Delay(500);
        }
        return requests;
    }

    private static Duration? Percentile(List<Duration> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Mb(long? bytes) => bytes is { } b ? $"{b / 1024.0 / 1024.0:0} MB" : "-";

    private void Log(string line) => log.WriteLine($"{DateTime.UtcNow:HH:mm:ss} [{options.StoreLabel}] {line}");
}
