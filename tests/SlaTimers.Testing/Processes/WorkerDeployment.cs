using System.Globalization;
using System.Text.Json.Nodes;
using SlaTimers.Testing.Network;

namespace SlaTimers.Testing.Processes;

/// <summary>
/// A folder the worker runs in as its own installation: <c>appsettings.json</c>, <c>config/</c> (agreements,
/// recipients) and <c>data/</c>. The worker takes a folder holding <c>SlaTimers.sln</c> for a clone of the
/// repository and reads its appsettings.json and config/ from there (ConfigDirectory.ContentRoot); an empty marker
/// file makes this folder one. Its appsettings.json is the shipped one without the demo helpdesk — the shipped
/// file configures it, and configuration layered on top can add helpdesks but never remove one.
/// </summary>
public sealed class WorkerDeployment : IDisposable
{
    private WorkerDeployment(string path, string dll)
    {
        Path = path;
        Dll = dll;
    }

    public string Path { get; }

    /// <summary>The slatimers.dll the workers run.</summary>
    public string Dll { get; }

    public string ConfigPath => Combine("config");

    /// <param name="dll">slatimers.dll; the shipped appsettings.json beside it is the template of this one.</param>
    public static WorkerDeployment Create(string dll)
    {
        var path = Directory.CreateTempSubdirectory("slatimers-e2e-").FullName;
        var deployment = new WorkerDeployment(path, dll);
        File.WriteAllText(deployment.Combine("SlaTimers.sln"), "");
        var shipped = JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(dll)!, "appsettings.json")))!.AsObject();
        shipped.Remove("Helpdesks");
        File.WriteAllText(deployment.Combine("appsettings.json"), shipped.ToJsonString());
        Directory.CreateDirectory(deployment.ConfigPath);
        return deployment;
    }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a file below the folder (e.g. <c>config/agreements/x.json</c>), creating folders on the way.</summary>
    public string Write(string relativePath, string text)
    {
        var file = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    /// <summary>
    /// Starts <c>slatimers run --config config --urls http://127.0.0.1:0</c> in this folder with
    /// <paramref name="settings"/> as environment variables (<c>Section__Key</c>). The system picks the port when the
    /// worker binds (its "Now listening on:" line names it): a port chosen ahead was taken meanwhile by another test's
    /// listener while a worker waited seconds for its database before binding.
    /// </summary>
    public WorkerProcess Start(string name, IReadOnlyDictionary<string, string?> settings) =>
        WorkerProcess.Start(name, Dll, Path, ["run", "--config", ConfigPath, "--urls", "http://127.0.0.1:0"], settings);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file; the OS cleans temp folders eventually.
        }
    }
}
