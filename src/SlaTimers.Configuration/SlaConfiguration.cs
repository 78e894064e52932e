using System.Collections.Immutable;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Calendars;
using SlaTimers.Core.Recipients;

namespace SlaTimers.Configuration;

/// <summary>Everything an admin configured in one config folder, validated.</summary>
/// <param name="Directory">The config folder, as a full path.</param>
/// <param name="Calendars">The calendars of <c>calendars/*.json</c> and the built-in <c>24x7</c>.</param>
/// <param name="Agreements">The agreements of <c>agreements/*.json</c>, in file-name order.</param>
/// <param name="Recipients">The people, groups and channels of <c>recipients.json</c> (empty without that file).</param>
public sealed record SlaConfiguration(
    string Directory,
    BusinessCalendarCatalog Calendars,
    ImmutableArray<Agreement> Agreements,
    RecipientDirectory Recipients)
{
    /// <summary>A configuration of calendars only: no agreements and no recipients.</summary>
    public SlaConfiguration(string directory, BusinessCalendarCatalog calendars)
        : this(directory, calendars, [], RecipientDirectory.Empty)
    {
    }

    /// <summary>What clock evaluation needs: the agreements and the calendars they count business time in.</summary>
    // Computed, not stored, so a copy made with `with { Agreements = … }` can never carry stale rules.
    public SlaRules Rules => new(Agreements, Calendars);
}
