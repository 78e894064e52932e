using System.Diagnostics.CodeAnalysis;
using SlaTimers.Configuration.Json;

namespace SlaTimers.Configuration.Calendars;

/// <summary>Reads the optional <c>name</c> of a holiday or override: the text explanations and notifications show.</summary>
internal static class NameReader
{
    [return: NotNullIfNotNull(nameof(fallback))]
    public static string? Read(JsonObjectCursor holder, string? fallback)
    {
        if (holder.Optional("name") is not { } cursor) return fallback;
        var name = cursor.ReadString("a name like \"Company closure\"");
        if (name is null) return fallback;
        if (!string.IsNullOrWhiteSpace(name)) return name.Trim();
        cursor.Report("the name is empty: give a name like \"Company closure\", or leave 'name' out");
        return fallback;
    }
}
