using System.Text.Json;

namespace SlaTimers.Configuration.Json;

/// <summary>Reads one JSON file, reporting unreadable files and syntax errors with line and position.</summary>
internal static class JsonFileReader
{
    // Admins edit these files by hand: comments and a trailing comma are harmless, so they are allowed.
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The parsed document (the caller disposes it), or null after reporting why not.</summary>
    public static JsonDocument? Read(ConfigFile file)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(file.FullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            file.Report(JsonPaths.Root, $"cannot be read: {e.Message}");
            return null;
        }

        try
        {
            return JsonDocument.Parse(text, Options);
        }
        catch (JsonException e)
        {
            // The reader counts from 0; editors count lines and columns from 1.
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            file.Report(JsonPaths.Root,
                $"is not valid JSON at line {line}, position {position}: {WithoutLocation(e.Message)} " +
                "Check for a missing comma, quote or bracket at or just before that point.");
            return null;
        }
    }

    /// <summary>The parser's message without its own 0-based "LineNumber: 2 | BytePositionInLine: 13." tail.</summary>
    private static string WithoutLocation(string message)
    {
        var tail = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return tail < 0 ? message : message[..tail];
    }
}
