using System.Collections.Immutable;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Core.Agreements;

/// <summary>Everything clock evaluation needs from the configuration: the agreements and their calendars.</summary>
public sealed record SlaRules(ImmutableArray<Agreement> Agreements, BusinessCalendarCatalog Calendars)
{
    public static SlaRules Empty { get; } = new([], BusinessCalendarCatalog.BuiltInOnly);
}
