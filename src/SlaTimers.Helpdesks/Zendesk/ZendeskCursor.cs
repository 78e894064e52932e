using System.Globalization;

namespace SlaTimers.Helpdesks.Zendesk;

/// <summary>
/// Where a Zendesk reader stands: before the first page, a start time (<c>start:{unix seconds}</c>); after it,
/// the export's opaque <c>after_cursor</c> (<c>cursor:{after_cursor}</c>), which resumes seamlessly. With timelines from
/// the ticket-events stream, also where that stream was read to (<c>|events:{unix seconds}</c> after either).
/// </summary>
internal readonly record struct ZendeskCursor(long? StartTime, string? AfterCursor, long? EventsFrom = null)
{
    private const string StartPrefix = "start:";
    private const string CursorPrefix = "cursor:";
    private const string EventsPrefix = "|events:";

    public static ZendeskCursor FromStart(long unixSeconds) => new(unixSeconds, null);

    public static ZendeskCursor FromAfterCursor(string afterCursor) => new(null, afterCursor);

    public static ZendeskCursor Parse(string helpdesk, string text)
    {
        var original = text;
        long? events = null;
        var mark = text.LastIndexOf(EventsPrefix, StringComparison.Ordinal);
        if (mark >= 0)
        {
            if (!long.TryParse(text.AsSpan(mark + EventsPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var from))
            {
                throw Invalid(helpdesk, original);
            }
            events = from;
            text = text[..mark];
        }
        if (text.StartsWith(CursorPrefix, StringComparison.Ordinal) && text.Length > CursorPrefix.Length)
        {
            return FromAfterCursor(text[CursorPrefix.Length..]) with { EventsFrom = events };
        }
        if (text.StartsWith(StartPrefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(StartPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return FromStart(start) with { EventsFrom = events };
        }
        throw Invalid(helpdesk, original);
    }

    private static ArgumentException Invalid(string helpdesk, string text) => new(
        $"Helpdesk '{helpdesk}': '{text}' is not a Zendesk cursor ('start:<unix seconds>' or 'cursor:<after_cursor>', optionally followed by '|events:<unix seconds>').",
        nameof(text));

    public override string ToString() => (AfterCursor is not null
        ? CursorPrefix + AfterCursor
        : StartPrefix + StartTime?.ToString(CultureInfo.InvariantCulture))
        + (EventsFrom is { } events ? EventsPrefix + events.ToString(CultureInfo.InvariantCulture) : "");
}
