using System.Globalization;
using System.Text;
using NodaTime;

namespace SlaTimers.LoadDriver;

/// <summary>The results table, one column per store, with the targets on this machine (PostgreSQL, 2 cores).</summary>
public static class Results
{
    public static string Table(IReadOnlyList<LoadResult> results, LoadOptions options)
    {
        var rows = new List<(string Name, string Target, Func<LoadResult, string> Value)>
        {
            ("ingest rate (stored, evaluated, timed)", ">= 5,000 tickets/s", r => r.IngestRate is { } rate ? $"{rate:N0} tickets/s" : "-"),
            ("  of which stored and evaluated (timer instants written)", "", r => r.StoreRate is { } rate ? $"{rate:N0} tickets/s" : "-"),
            ("  middle half of the backfill (25 % to 75 % stored)", "", r => r.MiddleHalf is { } middle ? $"{middle.Rate:N0} tickets/s" : "-"),
            ($"backfill of {options.Tickets:N0}: all stored", "", r => Seconds(r.Stored)),
            ($"backfill: all timers within {Hours(options)} scheduled", "< 60 s", r => Seconds(r.Timed)),
            ($"timers due within {Hours(options)}", "", r => r.TimersDue.ToString("N0", CultureInfo.InvariantCulture)),
            ("peak resident memory (VmHWM)", "< 500 MB", r => $"{r.PeakResidentBytes / 1024.0 / 1024.0:N0} MB"),
            ("Hangfire jobs created (kept)", "", r => $"{r.HangfireJobsCreated:N0} ({r.HangfireJobs:N0})"),
            ("worker CPU (user+system)", "", r => $"{r.WorkerCpuSeconds:N1} s"),
            ("driver CPU (stub, polling)", "", r => $"{r.DriverCpuSeconds:N1} s"),
            ("audit requests served", "", r => r.AuditRequests.ToString("N0", CultureInfo.InvariantCulture)),
            ($"warning latency p50 ({options.LatencyCheckpoints:N0} due in one minute)", "", r => Ms(r.LatencyP50)),
            ("warning latency p99", "<= 2 s", r => Ms(r.LatencyP99)),
            ("warning latency max", "", r => Ms(r.LatencyMax)),
            ("latency warnings written", "", r => $"{r.LatencyDelivered:N0} of {r.LatencyCheckpoints:N0}"),
        };
        var header = new[] { "measure", "target (PostgreSQL)" }.Concat(results.Select(r => r.Store)).ToArray();
        var table = rows.Select(row => new[] { row.Name, row.Target }.Concat(results.Select(row.Value)).ToArray()).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(c => table.Max(r => r[c].Length)).ToArray();

        var text = new StringBuilder();
        foreach (var (row, index) in table.Select((r, i) => (r, i)))
        {
            text.AppendLine("| " + string.Join(" | ", row.Select((cell, c) => cell.PadRight(widths[c]))) + " |");
            if (index == 0) text.AppendLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        }
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{r.Store}: {r.Server}");
            if (r.Problem is not null) text.AppendLine(CultureInfo.InvariantCulture, $"{r.Store}: PROBLEM: {r.Problem}");
            text.AppendLine(CultureInfo.InvariantCulture, $"{r.Store}: {r.Diagnosis.Replace("\n", "\n    ", StringComparison.Ordinal)}");
        }
        return text.ToString();
    }

    private static string Hours(LoadOptions options) => $"{options.TimerHorizon.TotalHours.ToString("0.##", CultureInfo.InvariantCulture)} h";

    private static string Seconds(TimeSpan? time) => time is { } t ? $"{t.TotalSeconds:N1} s" : "not reached";

    private static string Ms(Duration? duration) => duration is { } d ? $"{d.TotalMilliseconds:N0} ms" : "-";
}
