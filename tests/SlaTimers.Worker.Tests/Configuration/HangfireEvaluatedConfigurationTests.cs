using Hangfire;
using SlaTimers.Testing.Postgres;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Hangfire;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Configuration;

/// <summary>The record of the folder the clocks were evaluated with, in Hangfire's real storages: it outlives the process.</summary>
public sealed class HangfireEvaluatedConfigurationTests
{
    [Fact]
    public async Task OnPostgreSql_TheLastRecordIsWhatAnotherProcessReads()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync("slatimers_evaluated");
        JobStorage Open() => HangfireStorageFactory.Postgres(database.ConnectionString, new HangfireOptions());

        RecordedTwice_ReadsTheLast(Open);
    }

    [Fact]
    public void OnSqlite_TheLastRecordIsWhatAnotherProcessReads()
    {
        using var folder = new TempFolder();
        var file = folder.Combine("data", "hangfire.db");
        JobStorage Open() => HangfireStorageFactory.Sqlite(file, new HangfireOptions());

        RecordedTwice_ReadsTheLast(Open);
    }

    private static void RecordedTwice_ReadsTheLast(Func<JobStorage> open)
    {
        var first = new HangfireEvaluatedConfiguration(open());
        Assert.Null(first.Read());

        first.Record("aaaa");
        first.Record("bbbb");

        Assert.Equal("bbbb", first.Read());
        Assert.Equal("bbbb", new HangfireEvaluatedConfiguration(open()).Read()); // a restart's new storage
    }
}
