using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SlaTimers.Worker.Cli.Formatting;

/// <summary>
/// Writes the <c>--json</c> results: camelCase, a fixed property order, and relaxed escaping so offsets
/// (<c>+01:00</c>) and names stay readable. The output goes to a terminal or a pipe, never into HTML.
/// </summary>
public static class JsonOutput
{
    public static JsonWriterOptions Options(bool indented) => new()
    {
        Indented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes one indented JSON document and a newline to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options(indented: true)))
        {
            write(writer);
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    public static void WriteStringArray(this Utf8JsonWriter writer, string propertyName, IEnumerable<string> values)
    {
        writer.WriteStartArray(propertyName);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }
}
