using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration;

/// <summary>Everything an admin configured in one config folder, validated.</summary>
public sealed record SlaConfiguration(string Directory, BusinessCalendarCatalog Calendars);
