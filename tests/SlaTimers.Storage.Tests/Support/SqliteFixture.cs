using Microsoft.Data.Sqlite;

namespace SlaTimers.Storage.Tests.Support;

/// <summary>SQLite files in a temporary folder of this test class, deleted afterwards.</summary>
public sealed class SqliteFixture : StoreFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "slatimers-storage-tests", Guid.NewGuid().ToString("N"));
    private readonly List<StorageBackend> _backends = [];

    public override StorageEngine Engine => StorageEngine.Sqlite;

    internal override Task<StorageBackend> CreateEmptyAsync()
    {
        // A relative file below the base folder: the folder "data" does not exist yet and must be created.
        var backend = StorageBackend.Sqlite($"Data Source=data/{Guid.NewGuid():N}.db", TimeSpan.FromSeconds(20), _folder);
        _backends.Add(backend);
        return Task.FromResult(backend);
    }

    public override async Task DisposeAsync()
    {
        foreach (var backend in _backends) await backend.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
