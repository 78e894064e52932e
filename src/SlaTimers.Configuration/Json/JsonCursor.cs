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
