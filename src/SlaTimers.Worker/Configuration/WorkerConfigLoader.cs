using SlaTimers.Configuration;
using SlaTimers.Notifications.Templates;

namespace SlaTimers.Worker.Configuration;

/// <summary>
/// Everything in the config folder the worker uses: what <see cref="SlaConfigurationLoader"/> reads (calendars,
/// agreements, recipients) plus the message templates, so check-config, start and reload refuse the same
/// problems with the same lines. (The two readers live in separate adapters; the worker composes them.)
/// </summary>
public static class WorkerConfigLoader
{
    public static ConfigLoadResult Load(string directory)
    {
        var result = SlaConfigurationLoader.Load(directory);
        var templateProblems = TemplateCatalog.Validate(directory)
            .Select(p => new ConfigProblem(p.File, p.Path, p.Message))
            .ToList();
        return templateProblems.Count == 0
            ? result
            : new ConfigLoadResult(null, [.. result.Problems, .. templateProblems]);
    }
}
