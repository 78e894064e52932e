using System.Text.Json;
using NodaTime;
using SlaTimers.Worker.Cli.Formatting;

namespace SlaTimers.Worker.Cli.Explain;

/// <summary>One thing wrong with a ticket file, printed as <c>ticket.json: $.timeline[3].at: message</c>.</summary>
public sealed record TicketFileProblem(string File, string Path, string Message)
{
    public override string ToString() => $"{File}: {Path}: {Message}";
}

/// <summary>
/// The small vocabulary the ticket-file reader walks a <see cref="JsonDocument"/> with: typed reads that
/// record a problem naming the JSON path and what was expected, and carry on so one run reports all.
/// </summary>
internal sealed class TicketJson(string file)
{
    /// <summary>Instants the calendars can compute with (see <c>BusinessCalendar</c>).</summary>
    private const int MinYear = 2, MaxYear = 9998;

    public List<TicketFileProblem> Problems { get; } = [];

    public void Report(string path, string message) => Problems.Add(new TicketFileProblem(file, path, message));

    public static string Property(string parent, string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(name[0])
            ? $"{parent}.{name}"
            : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Item(string parent, int index) => $"{parent}[{index}]";

    public bool IsObject(JsonElement element, string path, string expected)
    {
        if (element.ValueKind == JsonValueKind.Object) return true;
        Report(path, $"expected {expected}, not {Describe(element)}");
        return false;
    }

    /// <summary>Reports every property of <paramref name="element"/> that is not in <paramref name="known"/>.</summary>
    public void RejectUnknown(JsonElement element, string path, IReadOnlyCollection<string> known, string what)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (known.Contains(property.Name)) continue;
            Report(Property(path, property.Name), $"unknown property '{property.Name}' {what}: expected {string.Join(", ", known)}");
        }
    }

    /// <summary>A string property; absent or null gives null (reported when <paramref name="required"/>).</summary>
    public string? String(JsonElement parent, string path, string name, string expected, bool required = false)
    {
        var at = Property(path, name);
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) Report(at, $"missing: expected {expected}");
            return null;
        }
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        Report(at, $"expected {expected}, not {Describe(value)}");
        return null;
    }

    /// <summary>An instant property: ISO-8601 with <c>Z</c> or an offset, inside the years the calendars handle.</summary>
    public Instant? Instant(JsonElement parent, string path, string name, string what, bool required = false)
    {
        var text = String(parent, path, name, $"{what}: {InstantText.Expected}", required);
        if (text is null) return null;
        var at = Property(path, name);
        if (!InstantText.TryParse(text, out var instant))
        {
            Report(at, $"'{text}' is not an instant: expected {InstantText.Expected}");
            return null;
        }
        var year = instant.InUtc().Year;
        if (year is < MinYear or > MaxYear)
        {
            Report(at, $"'{text}' is out of range: expected an instant in the years {MinYear} to {MaxYear}");
            return null;
        }
        return instant;
    }

    /// <summary>For messages: <c>a number (42)</c>, <c>an array</c>, <c>the string 'x'</c>.</summary>
    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string '{element.GetString()}'",
        JsonValueKind.Number => $"a number ({element.GetRawText()})",
        JsonValueKind.True or JsonValueKind.False => $"{element.GetRawText()}",
        _ => "null",
    };
}
