namespace SlaTimers.Configuration.Json;

/// <summary>
/// A JSON object whose property names are checked against the names it may have. An unknown name is
/// reported with the closest known one, because a misspelt optional property (<c>weeek</c>, <c>holiday</c>)
/// would otherwise be silently ignored and the calendar would be wrong without anyone noticing.
/// </summary>
internal sealed class JsonObjectCursor
{
    private readonly Dictionary<string, JsonCursor> _properties = new(StringComparer.Ordinal);

    public JsonObjectCursor(JsonCursor self, IReadOnlyList<string> knownNames, string unknownNoun)
    {
        Self = self;
        foreach (var property in self.Element.EnumerateObject())
        {
            var child = self.Child(property.Name, property.Value);
            if (!knownNames.Contains(property.Name, StringComparer.Ordinal))
            {
                child.Report($"unknown {unknownNoun} '{property.Name}'{NameSuggestions.DidYouMean(property.Name, knownNames)}: " +
                             $"expected one of {string.Join(", ", knownNames)}");
            }
            else if (!_properties.TryAdd(property.Name, child))
            {
                child.Report($"'{property.Name}' is given twice in this object: keep one (JSON readers silently use only one of them)");
            }
        }
    }

    public JsonCursor Self { get; }

    public bool Has(string name) => _properties.ContainsKey(name);

    /// <summary>The known properties present, in the order they were written.</summary>
    public IEnumerable<KeyValuePair<string, JsonCursor>> Properties => _properties;

    public JsonCursor? Optional(string name) => _properties.TryGetValue(name, out var value) ? value : null;

    /// <summary>The property, or null after reporting it missing (at the path where it belongs).</summary>
    public JsonCursor? Required(string name, string expected)
    {
        if (_properties.TryGetValue(name, out var value)) return value;
        Self.File.Report(JsonPaths.Property(Self.Path, name), $"'{name}' is missing: expected {expected}");
        return null;
    }

    public string? RequiredString(string name, string expected) => Required(name, expected)?.ReadString(expected);

    public string? OptionalString(string name, string expected) => Optional(name)?.ReadString(expected);
}
