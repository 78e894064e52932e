namespace SlaTimers.Worker.Hangfire;

/// <summary>
/// The queues the worker's server listens to, most urgent first (SQLite fetches in this order; PostgreSQL
/// orders queues by name). Timers and deliveries have their own queues, so a long sync never delays a warning.
/// </summary>
public static class HangfireQueues
{
    public const string Timers = "timers";
    public const string Delivery = "delivery";
    public const string Sync = "sync";
    public const string Default = "default";

    public static string[] All => [Timers, Delivery, Sync, Default];
}
