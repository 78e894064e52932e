using NodaTime;
using NodaTime.Text;

namespace SlaTimers.Helpdesks.Demo;

/// <summary>
/// Where a demo helpdesk's reader stands: the instant its story began (the first sync) and the simulated instant
/// it has reached. Written <c>{anchor}|{reached}</c> in ISO-8601; keeping the anchor in the cursor keeps the story
/// the same across restarts.
/// </summary>
internal readonly record struct DemoCursor(Instant Anchor, Instant Reached)
{
    private static readonly InstantPattern Pattern = InstantPattern.ExtendedIso;

    /// <summary>A story that begins now (whole seconds), of which nothing has been read.</summary>
    public static DemoCursor Start(Instant now)
    {
        var anchor = Instant.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        return new DemoCursor(anchor, anchor - Duration.Epsilon);
    }

    public static DemoCursor Parse(string helpdesk, string text)
    {
        var parts = text.Split('|');
        if (parts.Length == 2 && Pattern.Parse(parts[0]) is { Success: true } anchor && Pattern.Parse(parts[1]) is { Success: true } reached)
        {
            return new DemoCursor(anchor.Value, reached.Value);
        }
        throw new ArgumentException($"Helpdesk '{helpdesk}': '{text}' is not a demo cursor ('<anchor>|<reached>', ISO-8601 instants).", nameof(text));
    }

    public override string ToString() => $"{Pattern.Format(Anchor)}|{Pattern.Format(Reached)}";
}
