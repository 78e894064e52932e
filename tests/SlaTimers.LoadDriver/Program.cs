using System.Globalization;
using SlaTimers.LoadDriver;
using SlaTimers.Testing.Postgres;

// dotnet run -c Release --project tests/SlaTimers.LoadDriver -- --store postgres --tickets 100000
// Everything runs on 127.0.0.1 and stops by itself: each phase is bounded by --timeout.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"loaddriver: {e.Message}");
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

var results = new List<LoadResult>();
foreach (var engine in options.Stores)
{
    var run = new LoadRun(options with { StoreLabel = engine }, async folder => engine switch
    {
        "postgres" => await PostgresLoadStore.CreateAsync(
            options.Postgres ?? (Environment.GetEnvironmentVariable(TestPostgres.Variable) is { Length: > 0 } server ? server : null),
            options.ServerSettings),
        _ => new SqliteLoadStore(folder),
    }, Console.Out);
    results.Add(await run.RunAsync());
}

Console.WriteLine();
Console.WriteLine(Results.Table(results, options));
return results.All(r => r.Problem is null) ? 0 : 1;

namespace SlaTimers.LoadDriver
{
    public sealed record LoadOptions
    {
        public const string Usage = """
            usage: loaddriver [--store sqlite|postgres|both] [--tickets N] [--page-size N] [--audit-concurrency N]
                              [--latency N] [--timeout SECONDS] [--postgres CONNECTION-STRING] [--set Key=Value]...
                              [--server-setting name=value]...
                              [--worker PATH/slatimers.dll]
              --store       which store(s) to load (default both)
              --tickets     open tickets in the stub (default 100000)
              --page-size   tickets per export page (default 1000)
              --latency     warnings due within one minute, for the latency figures (default 1000; 0: backfill only)
              --timeout     bound of each phase in seconds (default 600)
              --postgres    a server where the user may create databases (default: $SLATIMERS_TEST_POSTGRES, else a
                            private cluster with PostgreSQL's durable defaults, started and removed by the driver)
              --set         any worker setting, e.g. --set Sync:MaxPagesPerRun=200 (as an environment variable)
              --worker      the worker's slatimers.dll to run (default: the one built beside the driver), e.g. a
                            ReadyToRun publish: dotnet publish src/SlaTimers.Worker -c Release -r linux-x64 -o DIR
              --server-setting  a setting of the private PostgreSQL cluster, e.g. synchronous_commit=off (experiments only:
                            the figures of record use PostgreSQL's durable defaults)
            """;

        public IReadOnlyList<string> Stores { get; init; } = ["sqlite", "postgres"];
        public int Tickets { get; init; } = 100_000;
        public int PageSize { get; init; } = 1000;
        public int AuditConcurrency { get; init; } = 4;
        public int LatencyCheckpoints { get; init; } = 1000;
        public TimeSpan PhaseTimeout { get; init; } = TimeSpan.FromMinutes(10);
        public string? Postgres { get; init; }
        public IReadOnlyDictionary<string, string?> Extra { get; init; } = new Dictionary<string, string?>();
        public IReadOnlyList<string> ServerSettings { get; init; } = [];
        public string StoreLabel { get; init; } = "";

        /// <summary>The worker's <c>slatimers.dll</c>: the one built beside the driver unless <c>--worker</c> names another.</summary>
        public string WorkerDll { get; init; } = SlaTimers.Testing.Processes.WorkerProcess.BesideThisApp;

        /// <summary>The worker's <c>Timers:Horizon</c> (its default unless given with <c>--set</c>).</summary>
        public TimeSpan TimerHorizon =>
            Extra.TryGetValue("Timers__Horizon", out var text) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var horizon)
                ? horizon
                : new SlaTimers.Worker.Timers.TimerOptions().Horizon;

        public static LoadOptions Parse(string[] args)
        {
            var options = new LoadOptions();
            var extra = new Dictionary<string, string?>();
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                int Number() => int.TryParse(Value(), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{args[i]} needs a positive number");
                int Count() => int.TryParse(Value(), CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ArgumentException($"{args[i]} needs a number, 0 or more");
                options = args[i] switch
                {
                    "--store" => options with
                    {
                        Stores = Value() switch
                        {
                            "both" => ["sqlite", "postgres"],
                            "sqlite" => ["sqlite"],
                            "postgres" => ["postgres"],
                            var other => throw new ArgumentException($"--store '{other}': sqlite, postgres or both"),
                        },
                    },
                    "--tickets" => options with { Tickets = Number() },
                    "--page-size" => options with { PageSize = Math.Min(1000, Number()) },
                    "--audit-concurrency" => options with { AuditConcurrency = Math.Min(16, Number()) },
                    "--latency" => options with { LatencyCheckpoints = Count() },
                    "--timeout" => options with { PhaseTimeout = TimeSpan.FromSeconds(Number()) },
                    "--postgres" => options with { Postgres = Value() },
                    "--worker" => Value() is var dll && File.Exists(dll)
                        ? options with { WorkerDll = Path.GetFullPath(dll) }
                        : throw new ArgumentException($"--worker '{dll}': no such file"),
                    "--set" => Set(options, extra, Value()),
                    "--server-setting" => Value() is var setting && setting.Contains('=', StringComparison.Ordinal)
                        ? options with { ServerSettings = [.. options.ServerSettings, setting] }
                        : throw new ArgumentException($"--server-setting '{setting}': expected name=value"),
                    var other => throw new ArgumentException($"unknown argument '{other}'"),
                };
            }
            return options with { Extra = extra };
        }

        private static LoadOptions Set(LoadOptions options, Dictionary<string, string?> extra, string setting)
        {
            var at = setting.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0) throw new ArgumentException($"--set '{setting}': expected Key=Value");
            extra[setting[..at].Replace(":", "__", StringComparison.Ordinal)] = setting[(at + 1)..];
            return options;
        }
    }
}
