using System.Collections.Immutable;

namespace SlaTimers.Configuration.Json;

/// <summary>
/// The problems of one config folder. Every reader adds to the same list and carries on, so an admin
/// sees everything that is wrong after one run instead of fixing one error per restart.
/// </summary>
internal sealed class ConfigProblemList
{
    private readonly List<ConfigProblem> _problems = [];

    public int Count => _problems.Count;

    public void Add(string file, string jsonPath, string message) => _problems.Add(new ConfigProblem(file, jsonPath, message));

    public ImmutableArray<ConfigProblem> ToImmutableArray() => [.. _problems];
}
