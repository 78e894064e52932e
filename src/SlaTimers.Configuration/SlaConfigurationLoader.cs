namespace SlaTimers.Configuration;

/// <summary>Reads and validates a config folder (<c>calendars/*.json</c>, later agreements and recipients).</summary>
public static class SlaConfigurationLoader
{
    /// <summary>Reads every file; never throws for bad content, but returns all problems found.</summary>
    public static ConfigLoadResult Load(string configDirectory) => throw new NotImplementedException();
}
