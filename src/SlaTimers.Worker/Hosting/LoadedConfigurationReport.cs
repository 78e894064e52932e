using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using SlaTimers.Configuration;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Worker.Hosting;

/// <summary>Logs at start which configuration the worker runs with, so an operator can check it in the log.</summary>
public sealed partial class LoadedConfigurationReport(SlaConfiguration configuration, IClock clock, ILogger<LoadedConfigurationReport> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var calendars = configuration.Calendars.All.ToList();
        LogLoaded(calendars.Count, configuration.Directory);
        var now = clock.GetCurrentInstant();
        foreach (var calendar in calendars)
        {
            var year = now.InZone(calendar.Zone).Year;
            var days = calendar.DaysIn(year);
            var holidays = days.Count(d => d.Kind == CalendarDayKind.Holiday);
            LogCalendar(calendar.Id, calendar.Zone.Id, holidays, days.Length - holidays, year);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {CalendarCount} calendars from {ConfigDirectory}")]
    private partial void LogLoaded(int calendarCount, string configDirectory);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Calendar {CalendarId}: zone {Zone}, {Holidays} holidays and {Overrides} overrides in {Year}")]
    private partial void LogCalendar(string calendarId, string zone, int holidays, int overrides, int year);
}
