using System.Globalization;
using NodaTime;
using Npgsql;
using SlaTimers.Testing.Zendesk;

namespace SlaTimers.LoadDriver;

/// <summary>
/// CPU seconds (user + system) of the machine and of the processes that share it, from <c>/proc</c>; and the
/// hypervisor's steal — time our virtual cores were ready to run but the host ran someone else, which is how the
/// same build can be half as fast in one hour as in the next.
/// </summary>
public sealed record CpuSnapshot(double Machine, double Steal, double Worker, IReadOnlyDictionary<int, double> PostgresByPid, double Driver)
{
    private const double Hz = 100.0; // USER_HZ: /proc counts clock ticks of 1/100 s

    /// <summary>Of a difference: what the server processes used in between (those that ended meanwhile not counted).</summary>
    public double Postgres => PostgresByPid.Values.Sum();

    /// <param name="postgresPort">The port of the run's own cluster: only its server processes count (other clusters on
    /// the machine are other work); null counts every postgres process.</param>
    public static CpuSnapshot Take(int worker, int? postgresPort = null)
    {
        var (busy, steal) = MachineTimes();
        return new(busy, steal, Process(worker), PostgresProcesses(postgresPort), Process(Environment.ProcessId));
    }

    public static CpuSnapshot operator -(CpuSnapshot a, CpuSnapshot b) =>
        new(a.Machine - b.Machine, a.Steal - b.Steal, a.Worker - b.Worker,
            a.PostgresByPid.ToDictionary(p => p.Key, p => p.Value - b.PostgresByPid.GetValueOrDefault(p.Key)), a.Driver - b.Driver);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"machine {Machine:0.0} s busy: worker {Worker:0.0} s, postgres {Postgres:0.0} s, driver (stub) {Driver:0.0} s, other {Machine - Worker - Postgres - Driver:0.0} s; stolen by the hypervisor {Steal:0.0} s");

    private static (double Busy, double Steal) MachineTimes()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..].Select(long.Parse).ToArray();
        // user nice system idle iowait irq softirq steal: busy = user to softirq but idle and iowait.
        return ((cpu.Take(7).Sum() - cpu[3] - cpu[4]) / Hz, cpu[7] / Hz);
    }

    private static double Process(int pid, bool withEndedChildren = false)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
            // utime, stime; and cutime, cstime: the children it waited for.
            return (Field(11) + Field(12) + (withEndedChildren ? Field(13) + Field(14) : 0)) / Hz;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>
    /// The postgres server processes of the cluster on <paramref name="port"/> (its postmaster, started with
    /// <c>-p port</c>, and the postmaster's children), or every postgres process when no port is given.
    /// </summary>
    private static Dictionary<int, double> PostgresProcesses(int? port)
    {
        var postgres = new Dictionary<int, (int Parent, string CommandLine)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() != "postgres") continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                postgres[pid] = (parent, File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' '));
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }
        var option = port is { } p ? $"-p {p.ToString(CultureInfo.InvariantCulture)} " : null;
        var postmasters = option is null ? [] : postgres.Where(e => e.Value.CommandLine.Contains(option, StringComparison.Ordinal)).Select(e => e.Key).ToHashSet();
        // A postmaster's own figure includes its ended children's (cutime, cstime): server processes that did work and
        // exited between the two snapshots still count.
        return postgres
            .Where(e => option is null || postmasters.Contains(e.Key) || postmasters.Contains(e.Value.Parent))
            .ToDictionary(e => e.Key, e => Process(e.Key, withEndedChildren: postmasters.Contains(e.Key)));
    }
}

/// <summary>
/// Where a sync page's time goes, from what the stub saw and the worker's "Sync zd: stored" lines. The worker reads a
/// page (the export request, then one audits request per ticket) while it stores the one before, so per page:
/// reading = its export request to its last audits request; storing = from when both its read and the previous
/// page's store were done to its "stored" line (mapping the tickets, reading their stored records, evaluating the
/// clocks, saving the page: SyncJob.StorePageAsync); stalled = the store side idle between the previous page's
/// "stored" line and this page's read being done: waiting for the helpdesk, or — at the end of a run of
/// Sync:MaxPagesPerRun pages — for that run's timers to be scheduled and the next run to start.
/// </summary>
public static class PageTimeline
{
    /// <param name="stored">When the worker's "Sync zd: stored … tickets" lines were seen.</param>
    public static string Describe(IReadOnlyList<StubRequest> requests, IReadOnlyList<Instant> stored, int pageSize)
    {
        var exports = requests.Where(r => r.Route == StubRoute.Export).Select(r => r.Received).Order().ToList();
        var audits = requests.Where(r => r.Route == StubRoute.Audits).Select(r => r.Received).Order().ToList();
        var storedLines = stored.Order().ToList();
        var pages = new List<Page>();
        var used = -1;
        Instant? previousStored = null;
        for (var i = 0; i < exports.Count; i++)
        {
            var end = i + 1 < exports.Count ? exports[i + 1] : Instant.MaxValue;
            var inPage = audits.Where(a => a >= exports[i] && a < end).ToList();
            if (inPage.Count < pageSize / 2) continue; // an empty or small page (the end of the stream)
            var read = inPage[^1];
            var at = storedLines.FindIndex(used + 1, s => s >= read);
            if (at < 0) break;
            used = at;
            var start = previousStored is { } p && p > read ? p : read;
            var stalled = previousStored is { } q && read > q ? read - q : Duration.Zero;
            pages.Add(new Page(read - exports[i], storedLines[at] - start, stalled, inPage.Count));
            previousStored = storedLines[at];
        }
        if (pages.Count == 0) return "no full pages seen";
        var half = pages.Count / 2;
        return $"per page of up to {pageSize} tickets (reading: export + audits, overlapping the previous page's store | "
               + "storing: map, evaluate, save | stalled: the store idle, waiting for the read or, at a run's end, for its timers):"
               + Part(pages.Take(half), "first half") + Part(pages.Skip(half), "second half") + Part(pages, "all");
    }

    private static string Part(IEnumerable<Page> part, string name)
    {
        var list = part.ToList();
        if (list.Count == 0) return "";
        double Ms(Func<Page, Duration> of) => list.Average(p => of(p).TotalMilliseconds);
        var reading = Ms(p => p.Reading);
        return string.Create(CultureInfo.InvariantCulture,
            $"\n  {name,-12} {list.Count,3} pages: reading {reading,5:0} ms ({reading * 1000 / list.Average(p => p.Audits),3:0} µs a ticket) | "
            + $"storing {Ms(p => p.Storing),5:0} ms | stalled {Ms(p => p.Stalled),5:0} ms");
    }

    private sealed record Page(Duration Reading, Duration Storing, Duration Stalled, int Audits);
}

/// <summary>The statements PostgreSQL spent most time in (pg_stat_statements, when the server has it loaded).</summary>
public static class StatementStats
{
    public static async Task ResetAsync(string connectionString)
    {
        try
        {
            await ExecuteAsync(connectionString, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();");
        }
        catch (PostgresException)
        {
            // Not loaded on this server (shared_preload_libraries): no statement figures.
        }
    }

    public static async Task<string> TopAsync(string connectionString, int count = 10)
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"""
                SELECT calls, total_exec_time, regexp_replace(left(query, 110), '\s+', ' ', 'g')
                FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                ORDER BY total_exec_time DESC LIMIT {count}
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {reader.GetDouble(1) / 1000,7:0.0} s {reader.GetInt64(0),8} calls  {reader.GetString(2)}"));
            }
            return lines.Count == 0 ? "" : "PostgreSQL time by statement (execution, without commit/fsync waits):\n" + string.Join("\n", lines);
        }
        catch (PostgresException)
        {
            return "";
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
