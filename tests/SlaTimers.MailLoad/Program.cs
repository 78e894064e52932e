// Mail load driver: how fast the smtp channel sends over its one reused connection, and how long a message waits
// from "send requested" to the server's acceptance (250 after DATA) when a burst arrives at once; with
// --through-worker sqlite|postgres, the same burst through the real worker, from each checkpoint to its acceptance.
//
//   dotnet run -c Release --project tests/SlaTimers.MailLoad [-- --messages 2000 --burst 1000 --host H --port P]
//   dotnet run -c Release --project tests/SlaTimers.MailLoad -- --through-worker postgres [--burst 1000]
//
// Without --host it starts an SMTP server (the SmtpServer package) in this process on 127.0.0.1. Traffic goes to
// loopback (or the given host) only; the run is bounded by the message counts and a 5-minute limit.
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SlaTimers.MailLoad;
using SlaTimers.Testing.Smtp;
using SlaTimers.Notifications.Messages;
using SlaTimers.Notifications.Smtp;
using SlaTimers.Notifications.Templates;

var arguments = Arguments.Parse(args);
var throughputCount = arguments.Int("messages", 2000);
var burstCount = arguments.Int("burst", 1000);

if (arguments.Text("through-worker") is { } store)
{
    if (store is not ("sqlite" or "postgres"))
    {
        Console.Error.WriteLine($"mailload: --through-worker '{store}': sqlite or postgres");
        return 2;
    }
    var p99 = await WorkerBurst.RunAsync(burstCount, store, Console.Out);
    Console.WriteLine(p99 is <= 2000 ? "target met" : "TARGET MISSED");
    return p99 is <= 2000 ? 0 : 1;
}

using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
await using var local = arguments.Text("host") is null ? SmtpTestServer.Start(keep: false) : null;
var host = arguments.Text("host") ?? "127.0.0.1";
var port = arguments.Int("port", local?.Port ?? 25);

var composer = Composer();
var messages = Enumerable.Range(0, throughputCount + burstCount + 50).Select(i => composer.Compose(
    TemplateSamples.Context(CheckpointKind.Warning, i % 2 == 0 ? "en" : "nl") with { NotificationKey = $"load/{i}" })).ToArray();

var http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
await using var channel = new SmtpChannel(Options.Create(new SmtpOptions
{
    Host = host, Port = port, Security = SmtpSecurity.None, From = "SlaTimers <sla@example.invalid>",
}), http, TimeProvider.System, NullLogger<SmtpChannel>.Instance);

Console.WriteLine($"SMTP {host}:{port} ({(local is null ? "external" : "in-process SmtpServer")}), {Environment.ProcessorCount} cores, {composer.GetType().Name}");

// Warm-up: connection, JIT.
foreach (var message in messages[^50..]) await channel.SendAsync(message, limit.Token);

// 1. Throughput: every message requested at once; the channel takes them in turn over its one connection.
var clock = Stopwatch.StartNew();
await Task.WhenAll(messages[..throughputCount].Select(m => channel.SendAsync(m, limit.Token)));
clock.Stop();
var perSecond = throughputCount / clock.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"throughput: {throughputCount} mails in {clock.Elapsed.TotalSeconds:0.00} s = {perSecond:0} mails/s (target >= 200)"));

// 2. Burst: requested at the same moment; latency per message from request to acceptance.
var latencies = new double[burstCount];
var burst = messages[throughputCount..(throughputCount + burstCount)];
var start = Stopwatch.GetTimestamp();
await Task.WhenAll(burst.Select(async (message, i) =>
{
    var requested = Stopwatch.GetTimestamp();
    await channel.SendAsync(message, limit.Token);
    latencies[i] = Stopwatch.GetElapsedTime(requested).TotalMilliseconds;
}));
var burstSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
Array.Sort(latencies);
double Percentile(double p) => latencies[Math.Clamp((int)Math.Ceiling(p / 100 * latencies.Length) - 1, 0, latencies.Length - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"burst of {burstCount}: all accepted in {burstSeconds:0.00} s; request→acceptance p50 {Percentile(50):0} ms, p99 {Percentile(99):0} ms, max {latencies[^1]:0} ms (target p99 <= 2000 ms)"));
Console.WriteLine($"connections opened by the channel: {channel.ConnectionsOpened}" + (local is null ? "" : $"; server sessions {local.Sessions}, accepted {local.Accepted}"));

var met = perSecond >= 200 && Percentile(99) <= 2000;
Console.WriteLine(met ? "targets met" : "TARGETS MISSED");
return met ? 0 : 1;

static IMessageComposer Composer()
{
    var root = typeof(Arguments).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
    var config = root is null ? null : Path.Combine(root, "config");
    return config is not null && TemplateCatalog.ExistsIn(config)
        ? new TemplateMessageComposer(MessageTemplates.Load(config))
        : DefaultMessageComposer.Instance;
}

internal sealed record Arguments(Dictionary<string, string> Values)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i].TrimStart('-')] = args[i + 1];
        return new Arguments(values);
    }

    public string? Text(string name) => Values.GetValueOrDefault(name);

    public int Int(string name, int fallback) => Values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
