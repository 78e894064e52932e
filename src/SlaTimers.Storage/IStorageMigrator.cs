namespace SlaTimers.Storage;

/// <summary>
/// Brings the database schema to the version this build expects, applying each missing versioned script
/// once, under a database-wide lock: safe when several instances start together, and a no-op when the
/// schema is current. <see cref="StorageHostingExtensions.AddSlaStorage"/> runs it at start.
/// </summary>
public interface IStorageMigrator
{
    /// <returns>The versions applied by this call (empty when the schema was current).</returns>
    Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default);
}
