using SlaTimers.Configuration.Agreements;
using SlaTimers.Configuration.Calendars;
using SlaTimers.Configuration.Json;
using SlaTimers.Configuration.Recipients;

namespace SlaTimers.Configuration;

/// <summary>
/// Reads and validates a config folder: <c>calendars/*.json</c>, <c>recipients.json</c> (optional) and
/// <c>agreements/*.json</c>, including the references between them.
/// </summary>
public static class SlaConfigurationLoader
{
    /// <summary>Reads every file; never throws for bad content, but returns all problems found.</summary>
    /// <param name="configDirectory">The config folder; problems name files relative to it.</param>
    public static ConfigLoadResult Load(string configDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configDirectory);
        var directory = Path.GetFullPath(configDirectory);
        var problems = new ConfigProblemList();
        if (!Directory.Exists(directory))
        {
            // A wrong path must not quietly start with only the built-in 24x7 calendar.
            problems.Add(".", JsonPaths.Root, $"the config folder {directory} does not exist: expected a folder that holds " +
                                              $"{CalendarFolderReader.FolderName}/*.json and {AgreementFolderReader.FolderName}/*.json");
            return new ConfigLoadResult(null, problems.ToImmutableArray());
        }

        // Each section reads into the same problem list so one run reports everything. Later sections refer
        // to earlier ones: recipients to calendars (quiet hours), agreements to calendars and recipients.
        var calendars = CalendarFolderReader.Read(directory, problems);
        var recipients = RecipientsFileReader.Read(directory, calendars.References, problems);
        var agreements = AgreementFolderReader.Read(directory, new AgreementReferences(calendars.References, recipients.References), problems);

        // Grouped by file (the sort is stable, so each file's problems keep their order in the file).
        return problems.Count == 0 && calendars.Catalog is not null && recipients.Directory is not null && agreements is not null
            ? new ConfigLoadResult(new SlaConfiguration(directory, calendars.Catalog, agreements.Value, recipients.Directory), [])
            : new ConfigLoadResult(null, [.. problems.ToImmutableArray().OrderBy(p => p.File, StringComparer.Ordinal)]);
    }
}
