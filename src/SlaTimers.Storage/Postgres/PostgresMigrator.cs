using System.Data;
using Dapper;
using SlaTimers.Storage.Migrations;

namespace SlaTimers.Storage.Postgres;

/// <summary>
/// Applies the PostgreSQL scripts under a session advisory lock, so instances that start together take
/// turns: the first migrates, the others find the versions recorded and apply nothing. Each script and its
/// <c>schema_migrations</c> row commit together.
/// </summary>
internal sealed class PostgresMigrator(PostgresDatabase db) : IStorageMigrator
{
    // pg_advisory_lock key: "SLATIMRS" in ASCII, so it does not collide with other applications' locks by chance.
    private const long LockKey = 0x534C4154494D5253;

    private const string Bootstrap = """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'slatimers') THEN CREATE SCHEMA slatimers; END IF;
        END $$;
        CREATE TABLE IF NOT EXISTS slatimers.schema_migrations (
            version    integer PRIMARY KEY,
            name       text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        """;

    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var scripts = MigrationScripts.For("Postgres");
        await using var connection = await db.OpenNpgsqlAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(Bootstrap, cancellationToken: cancellationToken));
            var applied = (await connection.QueryAsync<int>(new CommandDefinition("SELECT version FROM slatimers.schema_migrations", cancellationToken: cancellationToken))).ToHashSet();
            var done = new List<int>();
            foreach (var script in scripts.Where(s => !applied.Contains(s.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO slatimers.schema_migrations (version, name) VALUES (@Version, @Name)", new { script.Version, script.Name }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                done.Add(script.Version);
            }
            return done;
        }
        finally
        {
            // The pooled connection lives on, so release the lock explicitly; a broken connection released it
            // when its session ended (and unlocking it would only hide the error that broke it).
            if (connection.FullState == ConnectionState.Open)
            {
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@LockKey)", new { LockKey }, cancellationToken: CancellationToken.None));
            }
        }
    }
}
