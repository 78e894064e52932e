using System.Globalization;

namespace SlaTimers.Helpdesks.Zendesk;

/// <summary>
/// Where a Zendesk reader stands: before the first page, a start time (<c>start:{unix seconds}</c>); after it,
/// the export's opaque <c>after_cursor</c> (<c>cursor:{after_cursor}</c>), which resumes seamlessly.
/// </summary>
internal readonly record struct ZendeskCursor(long? StartTime, string? AfterCursor)
{
    private const string StartPrefix = "start:";
    private const string CursorPrefix = "cursor:";

    public static ZendeskCursor FromStart(long unixSeconds) => new(unixSeconds, null);

    public static ZendeskCursor FromAfterCursor(string afterCursor) => new(null, afterCursor);

    public static ZendeskCursor Parse(string helpdesk, string text)
    {
        if (text.StartsWith(CursorPrefix, StringComparison.Ordinal) && text.Length > CursorPrefix.Length)
        {
            return FromAfterCursor(text[CursorPrefix.Length..]);
        }
        if (text.StartsWith(StartPrefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(StartPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return FromStart(start);
        }
        throw new ArgumentException($"Helpdesk '{helpdesk}': '{text}' is not a Zendesk cursor ('start:<unix seconds>' or 'cursor:<after_cursor>').", nameof(text));
    }

    public override string ToString() => AfterCursor is not null
        ? CursorPrefix + AfterCursor
        : StartPrefix + StartTime?.ToString(CultureInfo.InvariantCulture);
}
