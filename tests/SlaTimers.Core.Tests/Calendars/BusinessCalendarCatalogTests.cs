using SlaTimers.Core.Calendars;

namespace SlaTimers.Core.Tests.Calendars;

public class BusinessCalendarCatalogTests
{
    private static BusinessCalendar Named(string id) =>
        CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("09:00-17:00").Build(id);

    [Fact]
    public void The_built_in_24x7_calendar_is_always_present()
    {
        Assert.Same(BusinessCalendar.AlwaysOpen, BusinessCalendarCatalog.BuiltInOnly.Get("24x7"));
        Assert.Same(BusinessCalendar.AlwaysOpen, new BusinessCalendarCatalog([Named("support")]).Get("24x7"));
    }

    [Fact]
    public void Configured_calendars_are_found_by_id_and_listed_in_id_order()
    {
        var support = Named("support");
        var catalog = new BusinessCalendarCatalog([support, Named("backoffice")]);

        Assert.Same(support, catalog.Get("support"));
        Assert.True(catalog.TryGet("backoffice", out _));
        Assert.Equal(["24x7", "backoffice", "support"], catalog.All.Select(c => c.Id));
    }

    [Fact]
    public void A_duplicate_id_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new BusinessCalendarCatalog([Named("support"), Named("support")]));

        Assert.Contains("'support'", error.Message);
    }

    [Fact]
    public void A_calendar_reusing_the_built_in_24x7_id_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new BusinessCalendarCatalog([Named("24x7")]));
    }

    [Fact]
    public void Ids_are_case_sensitive()
    {
        Assert.False(new BusinessCalendarCatalog([Named("support")]).TryGet("Support", out _));
    }

    [Fact]
    public void An_unknown_id_fails_with_a_message_that_lists_the_known_ids()
    {
        var catalog = new BusinessCalendarCatalog([Named("support"), Named("backoffice")]);

        var error = Assert.Throws<KeyNotFoundException>(() => catalog.Get("suport"));

        Assert.Contains("'suport'", error.Message);
        Assert.Contains("24x7, backoffice, support", error.Message);
        Assert.False(catalog.TryGet("suport", out _));
    }
}
