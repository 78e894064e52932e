using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SlaTimers.Testing.Processes;

/// <summary>A line the process wrote, and when the test saw it.</summary>
public sealed record OutputLine(DateTime Seen, bool IsError, string Text);

/// <summary>The process's resident memory now and at its peak (<c>/proc/{pid}/status</c>: VmRSS, VmHWM).</summary>
public sealed record MemoryStatus(long ResidentBytes, long PeakResidentBytes);

/// <summary>
/// The <c>slatimers</c> executable as a real process (<c>dotnet slatimers.dll …</c>), with settings in its
/// environment as an operator gives them (<c>Storage__Provider</c>, <c>ConnectionStrings__Postgres</c>, …): a
/// worker that runs until stopped (<see cref="Start"/>), or a command run to its end with some input
/// (<see cref="RunAsync"/>). Both output streams are kept, line by line; the process can be stopped gracefully
/// (SIGTERM) or killed (SIGKILL).
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<OutputLine> _lines = [];
    private readonly object _gate = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>slatimers.dll beside the running app: where the build puts it when the app's project references the Worker.</summary>
    public static string BesideThisApp { get; } = Path.Combine(AppContext.BaseDirectory, "slatimers.dll");

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _exited.Task.IsCompleted;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<OutputLine> Lines
    {
        get { lock (_gate) return [.. _lines]; }
    }

    /// <summary>Standard output so far, each line ended by <c>\n</c>.</summary>
    public string StandardOutput => Text(isError: false);

    /// <summary>Standard error so far, each line ended by <c>\n</c>.</summary>
    public string StandardError => Text(isError: true);

    /// <param name="dll">slatimers.dll (<see cref="BesideThisApp"/> when the caller's project references the Worker project).</param>
    /// <param name="environment">Variables to set (a null value removes one inherited from the caller).</param>
    public static WorkerProcess Start(string name, string dll, string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var started = new WorkerProcess(process, name);
        process.OutputDataReceived += (_, e) => started.Append(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data, isError: true);
        process.Exited += (_, _) => started._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Runs a command to its end with <paramref name="stdin"/> as its input.</summary>
    /// <exception cref="TimeoutException">It is still running after <paramref name="timeout"/> (default 60 s); it is killed.</exception>
    public static async Task<WorkerProcess> RunAsync(string name, string dll, string workingDirectory, string stdin, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var patience = timeout ?? TimeSpan.FromSeconds(60);
        var process = Start(name, dll, workingDirectory, args);
        await process._process.StandardInput.WriteAsync(stdin);
        process._process.StandardInput.Close();
        if (await process.WaitForExitAsync(patience)) return process;
        var tail = process.Tail();
        await process.DisposeAsync();
        throw new TimeoutException($"{name} did not end within {patience.TotalSeconds:0} s.\n{tail}");
    }

    /// <summary>Lines (of either stream) containing <paramref name="fragment"/>.</summary>
    public IReadOnlyList<OutputLine> LinesWith(string fragment) =>
        [.. Lines.Where(l => l.Text.Contains(fragment, StringComparison.Ordinal))];

    /// <summary>Waits for a line matching <paramref name="match"/>; false when the time is up or the process ended first.</summary>
    public async Task<bool> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var seen = 0;
        while (true)
        {
            var lines = Lines;
            for (; seen < lines.Count; seen++)
            {
                if (match(lines[seen].Text)) return true;
            }
            if (HasExited || deadline.Elapsed > timeout) return false;
            await Task.Delay(50);
        }
    }

    public Task<bool> WaitForLineAsync(string fragment, TimeSpan timeout) =>
        WaitForLineAsync(line => line.Contains(fragment, StringComparison.Ordinal), timeout);

    /// <summary>
    /// Waits until standard output has shown every one of <paramref name="fragments"/> (each in some line); false
    /// when the time is up or the process ended first.
    /// </summary>
    public async Task<bool> WaitForOutputAsync(TimeSpan timeout, params string[] fragments)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (Shown()) return true;
            if (HasExited)
            {
                await _process.WaitForExitAsync(); // its output to the end
                return Shown();
            }
            if (deadline.Elapsed > timeout) return false;
            await Task.Delay(50);
        }

        bool Shown()
        {
            var output = Lines.Where(l => !l.IsError).ToList();
            return fragments.All(f => output.Exists(l => l.Text.Contains(f, StringComparison.Ordinal)));
        }
    }

    /// <summary>SIGKILL: the process ends at once, mid-work, as in a power cut or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (!HasExited) _process.Kill();
        await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGTERM, as a service manager stops the worker; the host shuts down gracefully.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        kill!.WaitForExit();
    }

    /// <returns>False when the process is still running after <paramref name="timeout"/>.</returns>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        if (await Task.WhenAny(_exited.Task, Task.Delay(timeout)) != _exited.Task) return false;
        await _process.WaitForExitAsync(); // the output streams to their end
        return true;
    }

    /// <summary>Resident memory from <c>/proc</c> (Linux); null once the process has ended.</summary>
    public MemoryStatus? Memory()
    {
        try
        {
            long rss = 0, peak = 0;
            foreach (var line in File.ReadLines($"/proc/{Id.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line);
            }
            return new MemoryStatus(rss * 1024, peak * 1024);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>The last <paramref name="count"/> lines, for failure messages.</summary>
    public string Tail(int count = 80)
    {
        var lines = Lines;
        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"--- {Name} (pid {Id}), last {Math.Min(count, lines.Count)} of {lines.Count} lines ---");
        foreach (var line in lines.Skip(Math.Max(0, lines.Count - count))) text.AppendLine(line.IsError ? "! " + line.Text : line.Text);
        return text.ToString();
    }

    public override string ToString() => Tail();

    public async ValueTask DisposeAsync()
    {
        if (!HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
        _process.Dispose();
    }

    private string Text(bool isError)
    {
        var text = new StringBuilder();
        foreach (var line in Lines.Where(l => l.IsError == isError)) text.Append(line.Text).Append('\n');
        return text.ToString();
    }

    private void Append(string? text, bool isError)
    {
        if (text is null) return;
        lock (_gate) _lines.Add(new OutputLine(DateTime.UtcNow, isError, text));
    }
}
