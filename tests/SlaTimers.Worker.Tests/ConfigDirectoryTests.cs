using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests;

public class ConfigDirectoryTests
{
    [Fact]
    public void Resolve_ExplicitFolder_IsUsedRelativeToTheCurrentFolder()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("my-config"));

        var resolution = ConfigDirectory.Resolve("my-config", folder.Path, TestPaths.Neutral);

        Assert.Equal(folder.Combine("my-config"), resolution.Path);
    }

    [Fact]
    public void Resolve_MissingExplicitFolder_IsAnExplicitErrorNamingIt()
    {
        var resolution = ConfigDirectory.Resolve("nowhere", TestPaths.Neutral, TestPaths.Neutral);

        Assert.Null(resolution.Path);
        Assert.True(resolution.IsExplicit);
        Assert.Contains("'nowhere' does not exist", resolution.Error);
    }

    [Fact]
    public void Resolve_InsideAClone_FindsConfigBesideTheSolution()
    {
        using var clone = new TempFolder();
        clone.Write("SlaTimers.sln", "");
        Directory.CreateDirectory(clone.Combine("config"));
        var deep = Directory.CreateDirectory(clone.Combine("src", "SlaTimers.Worker")).FullName;
        using var executableFolder = new TempFolder();
        Directory.CreateDirectory(executableFolder.Combine("config"));

        var resolution = ConfigDirectory.Resolve(null, deep, executableFolder.Path);

        Assert.Equal(clone.Combine("config"), resolution.Path);
        Assert.Equal(clone.Path, ConfigDirectory.ContentRoot(deep, executableFolder.Path));
    }

    [Fact]
    public void Resolve_OutsideAClone_FallsBackToConfigBesideTheExecutable()
    {
        using var executableFolder = new TempFolder();
        Directory.CreateDirectory(executableFolder.Combine("config"));

        var resolution = ConfigDirectory.Resolve(null, TestPaths.Neutral, executableFolder.Path);

        Assert.Equal(executableFolder.Combine("config"), resolution.Path);
        Assert.Equal(executableFolder.Path, ConfigDirectory.ContentRoot(TestPaths.Neutral, executableFolder.Path));
    }

    [Fact]
    public void Resolve_NoConfigAnywhere_SaysWhereItLooked()
    {
        using var executableFolder = new TempFolder();

        var resolution = ConfigDirectory.Resolve(null, TestPaths.Neutral, executableFolder.Path);

        Assert.Null(resolution.Path);
        Assert.False(resolution.IsExplicit);
        Assert.Contains(executableFolder.Combine("config"), resolution.Error);
    }
}
