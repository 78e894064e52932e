using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Calendars;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Worker.Cli.Explain;

/// <summary>
/// One clock with what people need to read it: its agreement and policy by name, the calendar it counts
/// in, and the holidays and closures that its running time skipped.
/// </summary>
public sealed record ExplainedClock(
    Clock Clock,
    Agreement Agreement,
    Policy? Policy,
    BusinessCalendar Calendar,
    ImmutableArray<ClockSegment> Segments,
    ImmutableArray<ClockNote> Notes,
    ImmutableArray<CalendarDay> Skipped);

/// <summary>Everything <c>slatimers explain</c> prints: the ticket as of <see cref="Now"/> and each of its clocks.</summary>
public sealed record TicketExplanation(
    TicketFile File,
    Instant Now,
    TicketFields FieldsNow,
    int EventsAfterNow,
    ImmutableArray<ExplainedClock> Clocks)
{
    public Ticket Ticket => File.Ticket;

    /// <summary>Evaluates every clock of the ticket at <paramref name="now"/>, with explanations.</summary>
    /// <exception cref="CalendarNeverOpensException">A calendar has no open hours left to count in.</exception>
    public static TicketExplanation Build(TicketFile file, SlaRules rules, Instant now)
    {
        var ticket = file.Ticket;
        var clocks = ClockEvaluator.Evaluate(ticket, rules, now, file.KnownSince, explain: true);
        var explained = clocks.Select(c => Explain(c, rules, now)).ToImmutableArray();
        return new TicketExplanation(file, now, FieldsAt(ticket, now), ticket.Timeline.Count(e => e.At > now), explained);
    }

    /// <summary>The ticket's fields and status as of <paramref name="now"/>: its timeline replayed up to then.</summary>
    private static TicketFields FieldsAt(Ticket ticket, Instant now)
    {
        var events = TimelineReplay.Normalize(ticket);
        var fields = TimelineReplay.InitialFields(ticket, events[0]);
        foreach (var e in events.Skip(1).TakeWhile(e => e.At <= now)) fields = TimelineReplay.Apply(fields, e);
        return fields;
    }

    private static ExplainedClock Explain(Clock clock, SlaRules rules, Instant now)
    {
        var agreement = rules.Agreements.First(a => a.Id == clock.AgreementId);
        var policy = agreement.Policies.FirstOrDefault(p => p.Id == clock.PolicyId);
        var calendar = rules.Calendars.Get(clock.CalendarId!);
        var explanation = clock.Explanation!;
        // Notes are made as the timeline is replayed; a breach found within a segment lies inside it.
        var notes = explanation.Notes.OrderBy(n => n.At).ToImmutableArray();
        return new ExplainedClock(clock, agreement, policy, calendar, Merge(explanation.Segments), notes, Skipped(clock, rules, now));
    }

    /// <summary>
    /// Joins consecutive segments that counted the same way under the same rules: the Core cuts a segment at
    /// every event (a reply, an assignment), which matters to the clock only when the rules change.
    /// </summary>
    private static ImmutableArray<ClockSegment> Merge(ImmutableArray<ClockSegment> segments)
    {
        var merged = ImmutableArray.CreateBuilder<ClockSegment>(segments.Length);
        foreach (var segment in segments)
        {
            if (merged.Count > 0 && merged[^1] is var last && last.To == segment.From
                && last with { From = segment.From, To = segment.To, Used = segment.Used } == segment)
            {
                merged[^1] = last with { To = segment.To, Used = last.Used + segment.Used };
            }
            else
            {
                merged.Add(segment);
            }
        }
        return merged.ToImmutable();
    }

    /// <summary>
    /// The holidays and closures that took weekly hours away while the clock ran: over its running segments
    /// and, for a clock still running, between now and its deadline. Paused time skips nothing.
    /// </summary>
    private static ImmutableArray<CalendarDay> Skipped(Clock clock, SlaRules rules, Instant now)
    {
        var stretches = clock.Explanation!.Segments
            .Where(s => s is { Kind: SegmentKind.Running, CalendarId: not null } && s.To > s.From)
            .Select(s => (s.CalendarId!, s.From, s.To))
            .ToList();
        if (clock.State == ClockState.Running && clock.Deadline is { } deadline && deadline > now)
        {
            stretches.Add((clock.CalendarId!, now, deadline));
        }

        var days = new SortedDictionary<LocalDate, CalendarDay>();
        foreach (var (calendarId, from, to) in stretches)
        {
            if (!rules.Calendars.TryGet(calendarId, out var calendar)) continue;
            // [from, to) is half-open: a stretch that ends at midnight does not reach the next date.
            var first = from.InZone(calendar.Zone).Date;
            var last = (to - Duration.Epsilon).InZone(calendar.Zone).Date;
            foreach (var day in calendar.DaysBetween(first, last).Where(d => d.SkipsWeeklyHours && TookHoursFrom(d, calendar.Zone, from, to)))
            {
                days.TryAdd(day.Date, day);
            }
        }
        return [.. days.Values];
    }

    /// <summary>Would the date's weekly hours have counted inside [from, to)? (A stretch that starts after closing skips nothing that day.)</summary>
    private static bool TookHoursFrom(CalendarDay day, DateTimeZone zone, Instant from, Instant to) =>
        day.WeeklyHours.Any(hours =>
        {
            var (start, end) = hours.On(day.Date);
            return LocalBoundaries.ToInstant(start, zone) < to && LocalBoundaries.ToInstant(end, zone) > from;
        });
}
