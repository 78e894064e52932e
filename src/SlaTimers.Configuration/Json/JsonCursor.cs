using System.Text.Json;

namespace SlaTimers.Configuration.Json;

/// <summary>
/// A JSON value with the file and JSON path it came from, so every problem can say exactly where it is.
/// The <c>Read…</c> methods report a wrong JSON type (saying what was expected and what was found) and
/// return null; callers then skip that value and go on, so one run finds every problem.
/// </summary>
internal readonly record struct JsonCursor(JsonElement Element, string Path, ConfigFile File)
{
    public static JsonCursor Root(JsonElement element, ConfigFile file) => new(element, JsonPaths.Root, file);

    public JsonValueKind Kind => Element.ValueKind;

    public void Report(string message) => File.Report(Path, message);

    public JsonCursor Child(string name, JsonElement element) => new(element, JsonPaths.Property(Path, name), File);

    public JsonCursor Item(int index, JsonElement element) => new(element, JsonPaths.Item(Path, index), File);

    /// <param name="expected">What belongs here, e.g. <c>an IANA time zone like "Europe/Amsterdam"</c>.</param>
    public string? ReadString(string expected)
    {
        if (Kind == JsonValueKind.String) return Element.GetString()!;
        ReportWrongType(expected);
        return null;
    }

    public IReadOnlyList<JsonCursor>? ReadArray(string expected)
    {
        if (Kind == JsonValueKind.Array)
        {
            var self = this;
            return [.. Element.EnumerateArray().Select((element, index) => self.Item(index, element))];
        }
        // A single value where a list belongs ("monday": "08:00-17:00") is the classic slip; show the fix.
        var hint = Kind is JsonValueKind.String or JsonValueKind.Object ? $"; write a list even for one value: [{Element.GetRawText()}]" : "";
        ReportWrongType(expected, hint);
        return null;
    }

    /// <param name="knownNames">The property names this object may have; any other is reported with a suggestion.</param>
    /// <param name="unknownNoun">What a property name stands for here, e.g. <c>weekday</c>.</param>
    public JsonObjectCursor? ReadObject(string expected, IReadOnlyList<string> knownNames, string unknownNoun = "property")
    {
        if (Kind == JsonValueKind.Object) return new JsonObjectCursor(this, knownNames, unknownNoun);
        ReportWrongType(expected);
        return null;
    }

    public bool? ReadBool(string expected)
    {
        if (Kind is JsonValueKind.True or JsonValueKind.False) return Element.GetBoolean();
        // "true" in quotes looks right to a person and is silently false to a loose reader: say so.
        var hint = Kind == JsonValueKind.String && bool.TryParse(Element.GetString(), out var b) ? $"; write {(b ? "true" : "false")} without quotes" : "";
        ReportWrongType(expected, hint);
        return null;
    }

    public decimal? ReadDecimal(string expected)
    {
        if (Kind == JsonValueKind.Number && Element.TryGetDecimal(out var value)) return value;
        ReportWrongType(expected);
        return null;
    }

    public int? ReadInt(string expected)
    {
        if (Kind == JsonValueKind.Number && Element.TryGetInt32(out var value)) return value;
        ReportWrongType(expected);
        return null;
    }

    /// <summary>
    /// An object whose property names the admin chooses (person ids, priorities). Names that differ only in
    /// case are reported, because the lookups that use them ignore case and would keep only one.
    /// </summary>
    /// <param name="keyNoun">What a name stands for, e.g. <c>person id</c>.</param>
    public IReadOnlyList<KeyValuePair<string, JsonCursor>>? ReadEntries(string expected, string keyNoun)
    {
        if (Kind != JsonValueKind.Object)
        {
            ReportWrongType(expected);
            return null;
        }
        var entries = new List<KeyValuePair<string, JsonCursor>>();
        var firstByName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in Element.EnumerateObject())
        {
            var child = Child(property.Name, property.Value);
            if (firstByName.TryAdd(property.Name, property.Name))
            {
                entries.Add(KeyValuePair.Create(property.Name, child));
                continue;
            }
            var first = firstByName[property.Name];
            var sameCase = string.Equals(first, property.Name, StringComparison.Ordinal) ? "" : $" (as '{first}')";
            child.Report($"the {keyNoun} '{property.Name}' is given twice{sameCase} in this object: keep one (names are compared ignoring case)");
        }
        return entries;
    }

    /// <summary>
    /// A list of non-empty strings, trimmed, each with its cursor for later problems. Empty strings and
    /// repeats (ignoring case) are reported and left out.
    /// </summary>
    /// <param name="itemExpected">What one entry is, e.g. <c>a status like "pending"</c>.</param>
    public IReadOnlyList<(string Text, JsonCursor Cursor)>? ReadStrings(string expected, string itemExpected)
    {
        var items = ReadArray(expected);
        if (items is null) return null;
        var result = new List<(string Text, JsonCursor Cursor)>();
        foreach (var item in items)
        {
            var text = item.ReadString(itemExpected)?.Trim();
            if (text is null) continue;
            if (text.Length == 0)
            {
                item.Report($"the entry is empty: expected {itemExpected}");
                continue;
            }
            var earlier = result.FindIndex(r => string.Equals(r.Text, text, StringComparison.OrdinalIgnoreCase));
            if (earlier >= 0)
            {
                item.Report($"'{text}' is listed twice (also at {result[earlier].Cursor.Path}): remove one");
                continue;
            }
            result.Add((text, item));
        }
        return result;
    }

    private void ReportWrongType(string expected, string hint = "") =>
        Report($"expected {expected}, found {Describe(Element)}{hint}");

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string {Shorten(element.GetRawText())}",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "nothing",
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
