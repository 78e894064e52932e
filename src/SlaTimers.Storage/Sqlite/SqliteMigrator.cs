using Dapper;
using SlaTimers.Storage.Migrations;

namespace SlaTimers.Storage.Sqlite;

/// <summary>
/// Applies the SQLite scripts in one <c>BEGIN IMMEDIATE</c> transaction: it holds the file's write lock, so
/// a second starter waits (busy timeout), then finds the versions recorded and applies nothing. SQLite's DDL
/// is transactional, so a failing script leaves the schema as it was.
/// </summary>
internal sealed class SqliteMigrator(SqliteDatabase db) : IStorageMigrator
{
    private const string Bootstrap = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ) STRICT;
        """;

    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var scripts = MigrationScripts.For("Sqlite");
        await using var connection = await db.OpenSqliteAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await connection.ExecuteAsync(new CommandDefinition(Bootstrap, transaction: transaction, cancellationToken: cancellationToken));
        var applied = (await connection.QueryAsync<long>(new CommandDefinition("SELECT version FROM schema_migrations", transaction: transaction, cancellationToken: cancellationToken)))
            .ToHashSet();
        var done = new List<int>();
        foreach (var script in scripts.Where(s => !applied.Contains(s.Version)))
        {
            await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name) VALUES (@Version, @Name)", new { script.Version, script.Name }, transaction, cancellationToken: cancellationToken));
            done.Add(script.Version);
        }
        await transaction.CommitAsync(cancellationToken);
        return done;
    }
}
