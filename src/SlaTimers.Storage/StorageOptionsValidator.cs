using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SlaTimers.Storage;

/// <summary>Stops the start with a message that names the setting when the storage configuration cannot work.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var problems = new List<string>();
        switch (options.Engine)
        {
            case null:
                problems.Add($"{StorageOptions.SectionName}:Provider is '{options.Provider}': use 'sqlite' or 'postgres'.");
                break;
            case StorageEngine.Sqlite:
                CheckConnectionString(problems, StorageOptions.SqliteConnectionName, options.SqliteConnectionString, s => new SqliteConnectionStringBuilder(s));
                break;
            case StorageEngine.Postgres when string.IsNullOrWhiteSpace(options.PostgresConnectionString):
                problems.Add($"{StorageOptions.SectionName}:Provider is 'postgres' but ConnectionStrings:{StorageOptions.PostgresConnectionName} is not set.");
                break;
            case StorageEngine.Postgres:
                CheckConnectionString(problems, StorageOptions.PostgresConnectionName, options.PostgresConnectionString!, s => new NpgsqlConnectionStringBuilder(s));
                break;
        }
        if (options.BusyTimeout <= TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add($"{StorageOptions.SectionName}:BusyTimeout is {options.BusyTimeout}: use a positive time of at most 10 minutes.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckConnectionString(List<string> problems, string name, string value, Action<string> parse)
    {
        try
        {
            parse(value);
        }
        catch (ArgumentException e)
        {
            problems.Add($"ConnectionStrings:{name} cannot be read: {e.Message}");
        }
    }
}
