using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SlaTimers.Testing.Network;

namespace SlaTimers.Testing.Postgres;

/// <summary>
/// A private PostgreSQL cluster in a temporary folder on a free port of 127.0.0.1, as tests/run.sh starts one:
/// Debian's newest server binaries (<c>/usr/lib/postgresql/&lt;major&gt;/bin</c>), trust authentication for the user
/// <c>slatimers</c>; as root the server runs as the <c>postgres</c> user (initdb refuses root). Stopped and deleted on
/// dispose.
/// </summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly string[] _as;

    private PrivateCluster(string bin, string folder, string[] runAs, int port)
    {
        _bin = bin;
        _folder = folder;
        _as = runAs;
        Port = port;
    }

    public int Port { get; }

    public string ServerConnectionString => $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=slatimers;Database=postgres";

    /// <param name="settings">Server settings, e.g. <c>fsync=off</c> (default: PostgreSQL's own, durable ones).</param>
    public static async Task<PrivateCluster> StartAsync(params string[] settings)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderBy(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : new Version(0, 0))
                .LastOrDefault()
            : null;
        if (bin is null) throw new InvalidOperationException("No PostgreSQL server binaries in /usr/lib/postgresql/*/bin: apt-get install postgresql.");

        var folder = Directory.CreateTempSubdirectory("slatimers-pg-").FullName;
        string[] runAs = [];
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres:", folder], folder);
            runAs = ["runuser", "-u", "postgres", "--"];
        }
        await RunAsync(runAs, Path.Combine(bin, "initdb"), ["-D", Path.Combine(folder, "data"), "-U", "slatimers", "-A", "trust", "-E", "UTF8", "--no-locale"], folder);
        var port = LoopbackPorts.Free();
        var options = string.Join(' ', new[] { "-c listen_addresses=127.0.0.1", $"-p {port}", $"-k {folder}" }.Concat(settings.Select(s => $"-c {s}")));
        await RunAsync(runAs, Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-s", "start", "-o", options], folder);
        return new PrivateCluster(bin, folder, runAs, port);
    }

    /// <summary>A server setting as the server reports it (e.g. <c>fsync</c>).</summary>
    public static async Task<string?> ShowAsync(string serverConnectionString, string setting)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SHOW {setting}", connection);
        return (string?)await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(_as, Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-s", "stop"], _folder);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static Task RunAsync(string file, string[] args, string workingDirectory) => RunAsync([], file, args, workingDirectory);

    private static async Task RunAsync(string[] runAs, string file, string[] args, string workingDirectory)
    {
        string[] command = [.. runAs, file, .. args];
        var info = new ProcessStartInfo(command[0])
        {
            // From inside the folder: the postgres user may not be allowed to read the current directory.
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in command[1..]) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
