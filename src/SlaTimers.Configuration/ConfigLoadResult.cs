using System.Collections.Immutable;

namespace SlaTimers.Configuration;

/// <summary>The outcome of reading a config folder: the configuration, or every problem found.</summary>
public sealed record ConfigLoadResult(SlaConfiguration? Configuration, ImmutableArray<ConfigProblem> Problems)
{
    public bool IsValid => Problems.IsEmpty && Configuration is not null;

    /// <exception cref="ConfigurationInvalidException">The folder had problems.</exception>
    public SlaConfiguration GetOrThrow() => IsValid ? Configuration! : throw new ConfigurationInvalidException(Problems);
}

/// <summary>The configuration did not validate; <see cref="Exception.Message"/> lists every problem.</summary>
public sealed class ConfigurationInvalidException(ImmutableArray<ConfigProblem> problems)
    : Exception($"The configuration has {problems.Length} problem(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
{
    public ImmutableArray<ConfigProblem> Problems { get; } = problems;
}
