using Hangfire.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SlaTimers.Worker.Hangfire;

/// <summary>
/// Registers recurring jobs at start without ever failing the start. Hangfire guards each recurring job with a lock,
/// and an instance killed while it held one (triggering the job) leaves the lock behind for
/// <c>Hangfire:DistributedLockLifetime</c>; a restart in that window would time out registering and exit. Instead the
/// registration is retried in the background — the job stays defined as the previous run left it meanwhile.
/// </summary>
public sealed partial class RecurringJobRegistration(string what, Action register, ILogger logger, TimeSpan? retryPause = null) : IAsyncDisposable
{
    private readonly TimeSpan _retryPause = retryPause ?? TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;

    /// <summary>Completes when the jobs are registered (at once, or after retries).</summary>
    public Task Registered => _retrying;

    /// <summary>Registers now, or else starts retrying in the background (true when registered now).</summary>
    public bool Start()
    {
        if (TryRegister(attempt: 1)) return true;
        _retrying = Task.Run(RetryAsync);
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _retrying;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for the lock.
        }
        _stopping.Dispose();
    }

    private async Task RetryAsync()
    {
        for (var attempt = 2; ; attempt++)
        {
            await Task.Delay(_retryPause, _stopping.Token);
            if (TryRegister(attempt))
            {
                LogRegistered(what, attempt);
                return;
            }
        }
    }

    private bool TryRegister(int attempt)
    {
        try
        {
            register();
            return true;
        }
        catch (DistributedLockTimeoutException e)
        {
            LogLocked(what, attempt, e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{What}: Hangfire's lock on it is held (by another instance, or one that crashed: it expires after Hangfire:DistributedLockLifetime); trying again in the background (attempt {Attempt}). {Reason}")]
    private partial void LogLocked(string what, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{What}: registered at attempt {Attempt}.")]
    private partial void LogRegistered(string what, int attempt);
}

/// <summary>A hosted service that registers recurring jobs at start through a <see cref="RecurringJobRegistration"/>.</summary>
public abstract class RecurringJobSchedule(string what, ILogger logger) : IHostedService, IAsyncDisposable
{
    private RecurringJobRegistration? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = new RecurringJobRegistration(what, Register, logger);
        _registration.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_registration is { } registration) await registration.DisposeAsync();
        _registration = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>Adds or updates the jobs (may throw Hangfire's lock timeout: it is retried).</summary>
    protected abstract void Register();
}
