using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Configuration;

public sealed class ConfigurationFingerprintTests : IDisposable
{
    private readonly TempFolder _folder = WorkerConfig.Create();
    private readonly TempFolder _copy = WorkerConfig.Create();

    public void Dispose()
    {
        _folder.Dispose();
        _copy.Dispose();
    }

    [Fact]
    public void The_same_files_anywhere_are_the_same_fingerprint()
    {
        Assert.Equal(ConfigurationFingerprint.Of(_folder.Path), ConfigurationFingerprint.Of(_folder.Path));
        Assert.Equal(ConfigurationFingerprint.Of(_folder.Path), ConfigurationFingerprint.Of(_copy.Path));
        Assert.Matches("^[0-9a-f]{64}$", ConfigurationFingerprint.Of(_folder.Path));
    }

    [Fact]
    public void An_edited_agreement_is_another_fingerprint()
    {
        var before = ConfigurationFingerprint.Of(_folder.Path);

        _folder.Write("agreements/test-sla.json", WorkerConfig.Agreement.Replace("\"high\": \"4s\"", "\"high\": \"8s\"", StringComparison.Ordinal));

        Assert.NotEqual(before, ConfigurationFingerprint.Of(_folder.Path));
    }

    [Fact]
    public void A_renamed_or_added_file_is_another_fingerprint()
    {
        var before = ConfigurationFingerprint.Of(_folder.Path);
        File.Move(_folder.Combine("agreements", "test-sla.json"), _folder.Combine("agreements", "renamed.json"));
        var renamed = ConfigurationFingerprint.Of(_folder.Path);
        _copy.Write("calendars/extra.json", "{}");

        Assert.NotEqual(before, renamed);
        Assert.NotEqual(before, ConfigurationFingerprint.Of(_copy.Path));
    }

    [Fact]
    public void Hidden_files_and_editor_backups_do_not_count()
    {
        var before = ConfigurationFingerprint.Of(_folder.Path);

        _folder.Write(".agreements.swp", "swap");
        _folder.Write("agreements/test-sla.json~", "backup");
        _folder.Write(".git/HEAD", "ref: refs/heads/main");

        Assert.Equal(before, ConfigurationFingerprint.Of(_folder.Path));
    }
}
