using NodaTime;
using NodaTime.TimeZones;

namespace SlaTimers.Core.Calendars;

/// <summary>
/// The one rule for turning a local opening or closing time into an instant. A boundary that falls in
/// a spring-forward gap moves forward by the length of the gap (02:30 becomes 03:30 when clocks jump
/// from 02:00 to 03:00); an ambiguous fall-back boundary takes the earlier occurrence. This is NodaTime's
/// lenient resolver, named here so every conversion in the engine says which rule it uses.
/// </summary>
public static class LocalBoundaries
{
    public static ZoneLocalMappingResolver Resolver { get; } = Resolvers.LenientResolver;

    public static Instant ToInstant(LocalDateTime local, DateTimeZone zone) =>
        local.InZone(zone, Resolver).ToInstant();
}
