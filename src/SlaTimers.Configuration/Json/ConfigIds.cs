using System.Text.RegularExpressions;

namespace SlaTimers.Configuration.Json;

/// <summary>
/// The shape of ids that other files refer to and people type on the command line (calendar, agreement,
/// policy, person and channel ids): plain, so a reference never fails on an invisible difference.
/// </summary>
internal static partial class ConfigIds
{
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    /// <summary>The id, or null after reporting that it has the wrong shape.</summary>
    /// <param name="noun">What the id names, e.g. <c>calendar id</c>.</param>
    /// <param name="example">A valid id of this kind, e.g. <c>nl-servicedesk</c>.</param>
    public static string? Check(JsonCursor cursor, string id, string noun, string example)
    {
        if (Shape().IsMatch(id)) return id;
        cursor.Report($"'{id}' is not a valid {noun}: use letters, digits, '-', '_' and '.', starting with a letter or digit, e.g. '{example}'");
        return null;
    }
}
