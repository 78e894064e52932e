using Hangfire;

namespace SlaTimers.Worker.Configuration;

/// <summary>Which configuration the stored open clocks were last all evaluated with (its <see cref="ConfigurationFingerprint"/>).</summary>
public interface IEvaluatedConfiguration
{
    /// <returns>The fingerprint recorded last, or null when none was (a new store, or one from before this record).</returns>
    string? Read();

    void Record(string fingerprint);
}

/// <summary>
/// Kept in Hangfire's storage (a hash beside its own, in the same database): the record belongs with the
/// re-evaluation job that writes it, and needs no table of ours. Lost with Hangfire's data, it costs one
/// re-evaluation at the next start.
/// </summary>
public sealed class HangfireEvaluatedConfiguration(JobStorage storage) : IEvaluatedConfiguration
{
    private const string Key = "slatimers:configuration";
    private const string Field = "evaluated-with";

    public string? Read()
    {
        using var connection = storage.GetConnection();
        return connection.GetAllEntriesFromHash(Key)?.GetValueOrDefault(Field);
    }

    public void Record(string fingerprint)
    {
        using var connection = storage.GetConnection();
        connection.SetRangeInHash(Key, [KeyValuePair.Create(Field, fingerprint)]);
    }
}
