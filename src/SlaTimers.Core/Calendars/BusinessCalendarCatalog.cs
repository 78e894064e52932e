using System.Collections.Frozen;

namespace SlaTimers.Core.Calendars;

/// <summary>The calendars of one configuration by id, always including the built-in <c>24x7</c>.</summary>
public sealed class BusinessCalendarCatalog
{
    private readonly FrozenDictionary<string, BusinessCalendar> _byId;

    public BusinessCalendarCatalog(IEnumerable<BusinessCalendar> calendars)
    {
        var byId = new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal)
        {
            [BusinessCalendarDefinition.AlwaysOpenId] = BusinessCalendar.AlwaysOpen,
        };
        foreach (var calendar in calendars)
        {
            if (!byId.TryAdd(calendar.Id, calendar))
            {
                throw new ArgumentException($"Duplicate calendar id '{calendar.Id}' ('{BusinessCalendarDefinition.AlwaysOpenId}' is built in).", nameof(calendars));
            }
        }
        _byId = byId.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static BusinessCalendarCatalog BuiltInOnly { get; } = new([]);

    public IEnumerable<BusinessCalendar> All => _byId.Values.OrderBy(c => c.Id, StringComparer.Ordinal);

    public bool TryGet(string id, out BusinessCalendar calendar) => _byId.TryGetValue(id, out calendar!);

    /// <exception cref="KeyNotFoundException">No calendar has this id; the message lists the known ids.</exception>
    public BusinessCalendar Get(string id) => TryGet(id, out var calendar)
        ? calendar
        : throw new KeyNotFoundException($"Unknown calendar '{id}'. Known calendars: {string.Join(", ", _byId.Keys.Order(StringComparer.Ordinal))}.");
}
