using SlaTimers.Configuration.Json;

namespace SlaTimers.Configuration.Recipients;

/// <summary>The languages notification templates exist in: Dutch and English.</summary>
internal static class Languages
{
    public const string Default = "en";

    private static readonly string[] All = ["nl", "en"];

    /// <summary>The language in lower case; <see cref="Default"/> when absent; null after reporting an unsupported one.</summary>
    public static string? Read(JsonCursor? cursor)
    {
        var text = cursor?.ReadString("a language code, \"nl\" or \"en\"");
        if (cursor is null) return Default;
        if (text is null) return null;
        var code = text.Trim().ToLowerInvariant();
        if (All.Contains(code, StringComparer.Ordinal)) return code;
        cursor.Value.Report($"unsupported language '{text}'{NameSuggestions.DidYouMean(code, All)}: expected \"nl\" or \"en\" " +
                            $"(the languages the notification templates exist in); leave it out for \"{Default}\"");
        return null;
    }
}
