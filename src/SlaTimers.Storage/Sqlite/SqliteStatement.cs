using Microsoft.Data.Sqlite;

namespace SlaTimers.Storage.Sqlite;

/// <summary>
/// One statement executed many times in a transaction: prepared once, parameters re-bound each time
/// (the fast way to write many rows in SQLite). Parameters are positional: <c>$1</c>, <c>$2</c>, …
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public SqliteStatement(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameterCount)
    {
        _command = new SqliteCommand(sql, connection, transaction);
        _parameters = new SqliteParameter[parameterCount];
        for (var i = 0; i < parameterCount; i++)
        {
            _parameters[i] = _command.Parameters.Add(new SqliteParameter($"${i + 1}", DBNull.Value));
        }
        _command.Prepare();
    }

    public int Execute(params ReadOnlySpan<object?> values)
    {
        Bind(values);
        return _command.ExecuteNonQuery();
    }

    public SqliteDataReader Query(params ReadOnlySpan<object?> values)
    {
        Bind(values);
        return _command.ExecuteReader();
    }

    public void Dispose() => _command.Dispose();

    private void Bind(ReadOnlySpan<object?> values)
    {
        if (values.Length != _parameters.Length) throw new ArgumentException($"The statement takes {_parameters.Length} values, not {values.Length}.");
        for (var i = 0; i < values.Length; i++) _parameters[i].Value = values[i] ?? DBNull.Value;
    }
}
