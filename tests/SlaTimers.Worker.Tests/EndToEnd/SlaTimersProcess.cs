using System.Diagnostics;
using System.Text;

namespace SlaTimers.Worker.Tests.EndToEnd;

/// <summary>
/// The built executable, started as a real process: <c>dotnet slatimers.dll …</c>. The test project references
/// the Worker, so slatimers.dll and its runtimeconfig sit beside the test assembly.
/// </summary>
public sealed class SlaTimersProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();
    private readonly object _gate = new();

    private SlaTimersProcess(Process process) => _process = process;

    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "slatimers.dll");

    public string Out
    {
        get { lock (_gate) return _out.ToString(); }
    }

    public string Error
    {
        get { lock (_gate) return _error.ToString(); }
    }

    public int ExitCode => _process.ExitCode;

    public static SlaTimersProcess Start(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var started = new SlaTimersProcess(process);
        process.OutputDataReceived += (_, e) => started.Append(started._out, e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(started._error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Runs to the end with <paramref name="stdin"/> as input.</summary>
    public static async Task<SlaTimersProcess> RunAsync(string workingDirectory, string stdin, params string[] args)
    {
        var process = Start(workingDirectory, args);
        await process._process.StandardInput.WriteAsync(stdin);
        process._process.StandardInput.Close();
        await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return process;
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    /// <summary>Waits until standard output has a line containing every one of <paramref name="fragments"/>.</summary>
    public async Task<bool> WaitForOutputAsync(TimeSpan timeout, params string[] fragments)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            var lines = Out.Split('\n');
            if (fragments.All(f => lines.Any(l => l.Contains(f)))) return true;
            if (_process.HasExited) return false;
            await Task.Delay(50);
        }
        return false;
    }

    /// <summary>SIGTERM, as a service manager stops the worker; the host shuts down gracefully.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        kill!.WaitForExit();
    }

    public override string ToString() => $"--- stdout ---\n{Out}\n--- stderr ---\n{Error}";

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null) return;
        lock (_gate) target.AppendLine(line);
    }
}
