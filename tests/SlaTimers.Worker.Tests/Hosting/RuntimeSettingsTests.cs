using System.Globalization;
using Microsoft.Extensions.Logging;
using SlaTimers.Worker.Hosting;
using SlaTimers.Worker.Tests.Configuration;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Hosting;

public class RuntimeSettingsTests
{
    [Fact]
    public void Read_TakesNameValueLines_AndSkipsCommentsAndBlankLines()
    {
        using var folder = new TempFolder();
        var file = folder.Write("runtime.env", "# a comment\n\nDOTNET_GCgen0size=0xC000000\n  DOTNET_TieredPGO = 0  \n# DOTNET_gcServer=1\n");

        var settings = RuntimeSettingsFile.Read(file);

        Assert.Equal([new("DOTNET_GCgen0size", "0xC000000"), new("DOTNET_TieredPGO", "0")], settings);
    }

    [Fact]
    public void Read_TakesQuotedValuesWithoutTheirQuotes_AsSystemdDoes()
    {
        using var folder = new TempFolder();
        var file = folder.Write("runtime.env", "A=\"0xC000000\"\nB='1'\nC=\"half\nD=\"\n");

        var settings = RuntimeSettingsFile.Read(file);

        Assert.Equal([new("A", "0xC000000"), new("B", "1"), new("C", "\"half"), new("D", "\"")], settings);
    }

    [Fact]
    public void ReadIfPresent_WithoutAFile_IsNoSettings()
    {
        using var folder = new TempFolder();

        Assert.Empty(RuntimeSettingsFile.ReadIfPresent(folder.Combine("runtime.env")));
        Assert.Single(RuntimeSettingsFile.ReadIfPresent(folder.Write("runtime.env", "DOTNET_TieredPGO=0\n")));
    }

    [Theory]
    [InlineData("DOTNET_GCgen0size")]
    [InlineData("=0xC000000")]
    [InlineData("DOTNET GCgen0size=1")]
    public void Read_ABadLine_NamesTheFileAndLine(string bad)
    {
        using var folder = new TempFolder();
        var file = folder.Write("runtime.env", $"# settings\nDOTNET_TieredPGO=0\n{bad}\n");

        var e = Assert.Throws<FormatException>(() => RuntimeSettingsFile.Read(file));

        Assert.StartsWith($"{file}, line 3: expected NAME=value", e.Message);
        Assert.Contains(bad, e.Message);
    }

    [Fact]
    public void TheShippedFile_TravelsWithTheWorker_AndSetsTheGen0Budget_AndTheCallCountingDelay()
    {
        // Copied beside slatimers.dll (and so beside this test assembly, which references the worker).
        Assert.True(File.Exists(RuntimeSettingsFile.BesideApp), $"{RuntimeSettingsFile.BesideApp} is missing");
        var shipped = RuntimeSettingsFile.Read(Path.Combine(TestPaths.RepositoryRoot, "src", "SlaTimers.Worker", RuntimeSettingsFile.FileName));

        var gen0 = Assert.Single(shipped, s => s.Key == "DOTNET_GCgen0size").Value;

        // The runtime reads the value as hex; a number it cannot read is silently ignored.
        Assert.StartsWith("0x", gen0);
        var bytes = long.Parse(gen0[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.InRange(bytes, 64L << 20, 256L << 20);
        // Tier-1 call counting from the first call (the 100 ms delay kept a backfill's hot paths unoptimized).
        Assert.Equal("0", Assert.Single(shipped, s => s.Key == "DOTNET_TC_CallCountingDelayMs").Value);
        Assert.Equal(shipped, RuntimeSettingsFile.Read(RuntimeSettingsFile.BesideApp));
    }

    [Fact]
    public async Task Report_WarnsOnceOfTheSettingsTheEnvironmentLacks_AndNotesEachItOverrides()
    {
        using var folder = new TempFolder();
        var file = folder.Write("runtime.env", "DOTNET_GCgen0size=0xC000000\nDOTNET_TieredPGO=0\nDOTNET_gcConcurrent=1\nDOTNET_TC_CallCountingDelayMs=0\n");
        var environment = new Dictionary<string, string?> { ["DOTNET_TieredPGO"] = "0", ["DOTNET_gcConcurrent"] = "0" };
        var logger = new ListLogger<RuntimeSettingsReport>();

        await new RuntimeSettingsReport(file, name => environment.GetValueOrDefault(name), logger).StartAsync(CancellationToken.None);

        Assert.Equal(
            [
                (LogLevel.Information, $"Runtime setting DOTNET_gcConcurrent is 0 in this process's environment ({file} ships 1)"),
                (LogLevel.Warning, $"Runtime settings from {file} not in this process's environment: DOTNET_GCgen0size=0xC000000, DOTNET_TC_CallCountingDelayMs=0; they must be set before the process starts (systemd: EnvironmentFile={file}) — see README, Deploying"),
            ],
            logger.Entries);
    }

    [Fact]
    public async Task Report_AnUnreadableFile_IsAWarningNamingTheLine_NotAFailedStart()
    {
        using var folder = new TempFolder();
        var file = folder.Write("runtime.env", "DOTNET_GCgen0size 0xC000000\n");
        var logger = new ListLogger<RuntimeSettingsReport>();

        await new RuntimeSettingsReport(file, _ => null, logger).StartAsync(CancellationToken.None);

        var (level, message) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.StartsWith($"Runtime settings not checked: {file}, line 1: expected NAME=value", message);
    }

    [Fact]
    public async Task Report_IsSilent_WhenTheEnvironmentHasEverySetting_OrThereIsNoFile()
    {
        using var folder = new TempFolder();
        var file = folder.Write("runtime.env", "DOTNET_GCgen0size=0xC000000\n");
        var logger = new ListLogger<RuntimeSettingsReport>();

        await new RuntimeSettingsReport(file, name => name == "DOTNET_GCgen0size" ? "0xC000000" : null, logger).StartAsync(CancellationToken.None);
        await new RuntimeSettingsReport(folder.Combine("absent.env"), _ => null, logger).StartAsync(CancellationToken.None);

        Assert.Empty(logger.Entries);
    }
}
