using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SlaTimers.Helpdesks;

/// <summary>
/// The helpdesks found under <c>Helpdesks</c> when the host was built, and what was wrong with the section
/// itself (a missing or unknown <c>Type</c>, a key the type does not have). Those problems stop the start
/// through <see cref="Check"/>, together with each helpdesk's own option validation.
/// </summary>
internal sealed class HelpdeskCatalog
{
    private readonly List<Entry> _entries = [];
    private readonly List<string> _problems = [];

    public IReadOnlyList<Entry> Entries => _entries;

    public IReadOnlyList<string> Problems => _problems;

    public void Add(string name, string type, Func<IServiceProvider, HelpdeskOptions> options) => _entries.Add(new Entry(name, type, options));

    public void Problem(string problem) => _problems.Add(problem);

    /// <summary>Reports keys of <paramref name="section"/> that <typeparamref name="TOptions"/> has no property for (a typo would otherwise be ignored).</summary>
    public void CheckKeys<TOptions>(IConfigurationSection section, string type)
    {
        var known = typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key))
            {
                Problem($"{child.Path} is not a setting of a {type} helpdesk; its settings are {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            }
        }
    }

    public sealed record Entry(string Name, string Type, Func<IServiceProvider, HelpdeskOptions> Options);

    /// <summary>An options type that exists only to fail the start when the catalog has problems.</summary>
    internal sealed class Check;

    internal sealed class Validator(HelpdeskCatalog catalog) : IValidateOptions<Check>
    {
        public ValidateOptionsResult Validate(string? name, Check options) =>
            catalog.Problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(catalog.Problems);
    }
}
