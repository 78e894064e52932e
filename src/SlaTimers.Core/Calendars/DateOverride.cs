using System.Collections.Immutable;
using NodaTime;

namespace SlaTimers.Core.Calendars;

/// <summary>
/// Other hours on one date: they replace the weekly hours (and win over a holiday) on that date.
/// Empty <see cref="Hours"/> closes the date entirely, like a holiday.
/// </summary>
public sealed record DateOverride(LocalDate Date, ImmutableArray<OpeningInterval> Hours, string? Name = null)
{
    public bool ClosesDate => Hours.IsEmpty;
}
