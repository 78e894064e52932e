using System.Data.Common;
using Dapper;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Storage.Sql;

/// <summary>
/// What the shared SQL needs from an engine: connections, where the tables live, and how a list of ticket
/// keys becomes a table to join (PostgreSQL: <c>unnest</c> of two arrays; SQLite: <c>json_each</c>).
/// </summary>
internal interface IStorageDatabase
{
    /// <summary>The table name prefix: <c>slatimers.</c> on PostgreSQL, empty on SQLite.</summary>
    string Prefix { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A FROM item <c>k</c> with columns <c>source</c> and <c>external_id</c>, read from parameter(s) named <paramref name="parameter"/>.</summary>
    string KeysTable(string parameter);

    void AddKeys(DynamicParameters parameters, string parameter, IEnumerable<TicketKey> keys);
}
