using SlaTimers.Configuration.Calendars;
using SlaTimers.Configuration.Recipients;

namespace SlaTimers.Configuration.Agreements;

/// <summary>What agreement files refer to in other files: calendars by id, and people and channels by name.</summary>
internal sealed record AgreementReferences(CalendarReferences Calendars, RecipientReferences Recipients);
