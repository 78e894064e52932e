using System.Globalization;
using Hangfire;
using NodaTime;
using NodaTime.Text;

namespace SlaTimers.Worker.Sync;

/// <summary>"Do not call this helpdesk before …", after it answered 429: the recurring runs skip until then.</summary>
public interface ISyncBackoff
{
    Instant? Get(string helpdesk);

    void Set(string helpdesk, Instant until);
}

/// <summary>
/// The backoff kept in Hangfire's storage, so every instance respects it; the recurring runs skip until then and
/// one scheduled run takes over at that instant.
/// </summary>
public sealed class SyncBackoff(JobStorage storage) : ISyncBackoff
{
    private const string Field = "retry-after";

    public Instant? Get(string helpdesk)
    {
        using var connection = storage.GetConnection();
        var entries = connection.GetAllEntriesFromHash(Key(helpdesk));
        return entries is not null && entries.TryGetValue(Field, out var text) && InstantPattern.ExtendedIso.Parse(text) is { Success: true } parsed
            ? parsed.Value
            : null;
    }

    public void Set(string helpdesk, Instant until)
    {
        using var connection = storage.GetConnection();
        connection.SetRangeInHash(Key(helpdesk), [KeyValuePair.Create(Field, InstantPattern.ExtendedIso.Format(until))]);
    }

    private static string Key(string helpdesk) => string.Create(CultureInfo.InvariantCulture, $"slatimers:sync:{helpdesk.ToLowerInvariant()}");
}
