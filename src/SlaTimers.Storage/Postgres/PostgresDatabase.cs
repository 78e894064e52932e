using System.Data.Common;
using Dapper;
using Npgsql;
using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Sql;

namespace SlaTimers.Storage.Postgres;

/// <summary>Our PostgreSQL database: one pooled data source; every table in the schema <c>slatimers</c>.</summary>
internal sealed class PostgresDatabase : IStorageDatabase, IAsyncDisposable, IDisposable
{
    public const string Schema = "slatimers";

    public PostgresDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public NpgsqlDataSource DataSource { get; }

    public string Prefix => Schema + ".";

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await OpenNpgsqlAsync(cancellationToken);

    public ValueTask<NpgsqlConnection> OpenNpgsqlAsync(CancellationToken cancellationToken) => DataSource.OpenConnectionAsync(cancellationToken);

    public string KeysTable(string parameter) =>
        $"unnest(@{parameter}_sources::text[], @{parameter}_ids::text[]) AS k(source, external_id)";

    public void AddKeys(DynamicParameters parameters, string parameter, IEnumerable<TicketKey> keys)
    {
        var list = keys as IReadOnlyCollection<TicketKey> ?? [.. keys];
        parameters.Add($"{parameter}_sources", list.Select(k => k.Source).ToArray());
        parameters.Add($"{parameter}_ids", list.Select(k => k.ExternalId).ToArray());
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
