using System.Diagnostics;
using System.Text;

namespace SlaTimers.Worker.Tests.Dashboard;

/// <summary>
/// A real headless Chromium, given by <c>SLATIMERS_TEST_CHROMIUM</c> (tests/run.sh installs Debian's chromium and
/// exports its path). Without it the browser tests fail: they are never skipped.
/// </summary>
public static class Chromium
{
    public const string Variable = "SLATIMERS_TEST_CHROMIUM";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static string Executable => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path
        ? path
        : throw new InvalidOperationException(
            $"{Variable} is not set, so the browser tests cannot run. Run tests/run.sh, which installs Chromium (apt-get install chromium) "
            + $"and exports {Variable}, or export the path of a chromium executable yourself.");

    /// <summary>The DOM of <paramref name="url"/> after it loaded (scripts ran), serialized as HTML.</summary>
    public static async Task<string> DumpDomAsync(string url)
    {
        var profile = Directory.CreateTempSubdirectory("slatimers-chromium-");
        try
        {
            var info = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--no-proxy-server",
                $"--user-data-dir={profile.FullName}", "--dump-dom", url,
            })
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException($"{Executable} did not start.");
            var error = new StringBuilder();
            process.ErrorDataReceived += (_, e) =>
            {
                lock (error) error.AppendLine(e.Data);
            };
            process.BeginErrorReadLine();
            var output = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Patience);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish {url} within {Patience}.");
            }
            var dom = await output;
            if (process.ExitCode != 0 || dom.Length == 0)
            {
                lock (error) throw new InvalidOperationException($"Chromium exited with {process.ExitCode} on {url}:\n{error}");
            }
            return dom;
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A helper process of Chromium may still be closing a file; temp folders are cleaned eventually.
            }
        }
    }
}
