using System.Collections.Immutable;
using SlaTimers.Configuration.Json;

namespace SlaTimers.Configuration.Agreements;

/// <summary>
/// The agreement's <c>priorities</c>: the priority names its tickets can have. Conditions and budgets are
/// checked against them, and every priority a policy can match needs a budget. When the list itself could
/// not be read, <see cref="IsKnown"/> is false and those checks are skipped (the list's problem is reported).
/// </summary>
internal sealed class AgreementPriorities
{
    private AgreementPriorities(ImmutableArray<string>? names) => Names = names;

    /// <summary>As written in <c>priorities</c>, in that order; null when unknown.</summary>
    public ImmutableArray<string>? Names { get; }

    public bool IsKnown => Names is not null;

    public static AgreementPriorities Unknown { get; } = new(null);

    public static AgreementPriorities Of(IEnumerable<string> names) => new([.. names]);

    /// <summary>The priority as written in <c>priorities</c>; when unknown, the text itself.</summary>
    public string? Resolve(string text) =>
        Names is { } names ? names.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) : text;

    /// <summary>The priority as written in <c>priorities</c>, or null after reporting an unknown one.</summary>
    /// <param name="alsoAllowed">Another key allowed here (<c>default</c> in a budget), for the message.</param>
    public string? Check(JsonCursor cursor, string text, string? alsoAllowed = null)
    {
        if (Resolve(text) is { } priority) return priority;
        var known = Names!.Value;
        var candidates = alsoAllowed is null ? known : known.Add(alsoAllowed);
        cursor.Report($"unknown priority '{text}'{NameSuggestions.DidYouMean(text, candidates)}: expected one of the agreement's " +
                      $"priorities {string.Join(", ", known)}{(alsoAllowed is null ? "" : $", or \"{alsoAllowed}\"")} " +
                      "(add it to 'priorities' if tickets can have it)");
        return null;
    }

    public string Describe() => Names is { } names ? string.Join(", ", names) : "";
}
