using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace SlaTimers.Storage.Migrations;

/// <summary>A versioned schema script: <c>Migrations/&lt;Engine&gt;/NNNN_name.sql</c>, embedded in this assembly.</summary>
internal sealed record MigrationScript(int Version, string Name, string Sql);

/// <summary>
/// The scripts of one engine in version order. Scripts are never edited once released: a schema change is
/// a new script with the next number, for both engines.
/// </summary>
internal static partial class MigrationScripts
{
    private const string ResourcePrefix = "SlaTimers.Storage.Migrations.";

    public static IReadOnlyList<MigrationScript> For(string engineFolder)
    {
        var assembly = typeof(MigrationScripts).Assembly;
        var prefix = $"{ResourcePrefix}{engineFolder}/";
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => Load(assembly, n, n[prefix.Length..]))
            .OrderBy(s => s.Version)
            .ToList();
        if (scripts.Count == 0) throw new InvalidOperationException($"No migration scripts are embedded for {engineFolder}.");
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two {engineFolder} migration scripts have version {duplicate.Key}.");
        return scripts;
    }

    private static MigrationScript Load(Assembly assembly, string resource, string fileName)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success) throw new InvalidOperationException($"Migration script '{fileName}' is not named NNNN_name.sql.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new MigrationScript(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd());
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
