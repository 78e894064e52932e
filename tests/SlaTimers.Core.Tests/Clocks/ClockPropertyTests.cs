using System.Collections.Immutable;
using CsCheck;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Tests.Clocks;

/// <summary>Properties every evaluation must have, over random realistic ticket timelines.</summary>
public class ClockPropertyTests
{
    private const int Iterations = 5_000;

    private static ImmutableArray<Clock> Evaluate(Ticket ticket, Story story) =>
        ClockEvaluator.Evaluate(ticket, TicketStories.Rules, story.Now);

    [Fact]
    public void Evaluation_is_the_same_when_events_are_shuffled_or_given_twice()
    {
        Gen.Select(TicketStories.Stories, Gen.Int, Gen.Bool).Sample((story, seed, withIds) =>
        {
            var events = story.Events(withIds);
            var random = new Random(seed);
            // A page read twice: some events again, everything in another order.
            var messy = events.Concat(events.Where(_ => random.Next(3) == 0)).ToArray();
            random.Shuffle(messy);

            var expected = Evaluate(story.Ticket(withIds), story).Fingerprint();
            var actual = Evaluate(TestTicket.Ticket(story.Created, messy), story).Fingerprint();

            Assert.Equal(expected, actual);
        }, iter: Iterations, print: t => $"{t.Item1} (seed {t.Item2}, ids {t.Item3})");
    }

    [Fact]
    public void Inserting_a_pause_never_brings_a_resolution_deadline_earlier_nor_adds_used_time()
    {
        Gen.Select(TicketStories.Stories, Gen.Double[0, 1], Gen.Double[0, 1]).Sample((story, where, length) =>
        {
            if (!TryInsertPause(story, where, length, out var paused, out var pause)) return;

            var before = Evaluate(story.Ticket(), story).Where(c => c.Metric == Metric.Resolution).ToDictionary(c => c.Key);
            var after = Evaluate(paused, story).Where(c => c.Metric == Metric.Resolution).ToDictionary(c => c.Key);

            Assert.Equal(before.Keys.Order(), after.Keys.Order());
            foreach (var (key, original) in before)
            {
                var changed = after[key];
                var context = $"{key} with pause {pause}:\n before {original.Fingerprint()}\n after  {changed.Fingerprint()}";
                Assert.True(changed.Used <= original.Used, "more used after a pause: " + context);
                Assert.True(original.BreachedAt is not null || changed.BreachedAt is null, "a pause caused a breach: " + context);
                Assert.True(changed.BreachedAt is null || changed.BreachedAt >= original.BreachedAt, "breach earlier: " + context);
                // No deadline (paused, nothing breached) is later than any deadline.
                Assert.True(changed.Deadline is null || (original.Deadline is not null && changed.Deadline >= original.Deadline),
                    "deadline earlier: " + context);
            }
        }, iter: Iterations, print: t => $"{t.Item1} (pause at {t.Item2:0.###}, length {t.Item3:0.###})");
    }

    [Fact]
    public void Used_time_is_never_negative_nor_more_than_the_real_time_the_clock_lived()
    {
        TicketStories.Stories.Sample(story =>
        {
            foreach (var clock in Evaluate(story.Ticket(), story))
            {
                var lived = (clock.Stopped ?? story.Now) - clock.Started;
                Assert.True(clock.Used >= Duration.Zero, clock.Fingerprint());
                Assert.True(clock.Used <= lived, $"used more than the {lived} it lived: {clock.Fingerprint()}");
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Met_clocks_are_within_budget_and_breaches_lie_within_the_clocks_life()
    {
        TicketStories.Stories.Sample(story =>
        {
            foreach (var clock in Evaluate(story.Ticket(), story))
            {
                if (clock.State == ClockState.Met) Assert.True(clock.Used <= clock.Budget, "met over budget: " + clock.Fingerprint());
                if (clock.State.IsBreached())
                {
                    Assert.NotNull(clock.BreachedAt);
                    Assert.True(clock.BreachedAt >= clock.Started, "breached before it started: " + clock.Fingerprint());
                    Assert.True(clock.BreachedAt <= (clock.Stopped ?? story.Now), "breached after it ended: " + clock.Fingerprint());
                }
                if (clock.State is ClockState.Running or ClockState.Paused)
                {
                    Assert.True(clock.BreachedAt is null && clock.Used <= clock.Budget, "running over budget: " + clock.Fingerprint());
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Asking_for_an_explanation_does_not_change_the_clocks()
    {
        TicketStories.Stories.Sample(story =>
        {
            var plain = ClockEvaluator.Evaluate(story.Ticket(), TicketStories.Rules, story.Now);
            var explained = ClockEvaluator.Evaluate(story.Ticket(), TicketStories.Rules, story.Now, explain: true);

            Assert.Equal(plain.Fingerprint(), explained.Fingerprint());
            Assert.All(explained, c => Assert.NotNull(c.Explanation));
        }, iter: Iterations / 4);
    }

    [Fact]
    public void While_nothing_happens_deadlines_breaches_and_checkpoint_instants_stay_where_they_were()
    {
        // A timer scheduled for a checkpoint must find it at the same instant when it fires.
        Gen.Select(TicketStories.Stories, Gen.Double[0, 1]).Sample((story, later) =>
        {
            var ticket = story.Ticket();
            var next = TimelineReplay.Normalize(ticket).Where(e => e.At > story.Now).Select(e => (Instant?)e.At).FirstOrDefault()
                ?? story.Now + Duration.FromDays(3);
            var now2 = story.Now + Duration.FromMinutes(Math.Floor((next - story.Now).TotalMinutes * later));
            if (now2 <= story.Now || now2 >= next) return;

            var first = ClockEvaluator.Evaluate(ticket, TicketStories.Rules, story.Now).ToDictionary(c => c.Key);
            var second = ClockEvaluator.Evaluate(ticket, TicketStories.Rules, now2).ToDictionary(c => c.Key);

            Assert.Equal(first.Keys.Order(), second.Keys.Order());
            foreach (var (key, a) in first)
            {
                var b = second[key];
                var context = $"{key} looked at {now2 - story.Now} later:\n first  {a.Fingerprint()}\n second {b.Fingerprint()}";
                if (!a.State.IsOpen())
                {
                    Assert.True(a.Fingerprint() == b.Fingerprint(), "an ended clock changed: " + context);
                    continue;
                }
                Assert.True(a.Deadline is null || a.Deadline == b.Deadline, "the deadline moved: " + context);
                Assert.True(a.BreachedAt is null || a.BreachedAt == b.BreachedAt, "the breach moved: " + context);
                Assert.True(b.BreachedAt is null || b.BreachedAt == a.Deadline, "breached elsewhere than the deadline: " + context);
                for (var i = 0; i < a.Checkpoints.Length; i++)
                {
                    Assert.True(a.Checkpoints[i].At is null || a.Checkpoints[i].At == b.Checkpoints[i].At,
                        $"checkpoint {a.Checkpoints[i].Definition.Key} moved: " + context);
                }
            }
        }, iter: Iterations, print: t => $"{t.Item1} (looked at again {t.Item2:0.###} of the way to the next event)");
    }

    /// <summary>
    /// Puts a pending stretch [t1, t2) into a quiet part of the timeline where the ticket is new or open and
    /// not already paused, restoring the status it had at t2. False when the drawn spot is not such a place.
    /// </summary>
    private static bool TryInsertPause(Story story, double where, double length, out Ticket paused, out string pause)
    {
        paused = story.Ticket();
        pause = "";
        var created = story.Created;
        var t1 = created + Duration.FromMinutes(Math.Floor(story.NowMinute * where));
        var events = TimelineReplay.Normalize(paused);
        if (events.Any(e => e.At == t1)) return false;
        var nextEvent = events.Where(e => e.At > t1).Select(e => (Instant?)e.At).FirstOrDefault();
        var gapEnd = nextEvent is { } next && next < story.Now ? next : story.Now;
        var t2 = t1 + Duration.FromMinutes(Math.Floor((gapEnd - t1).TotalMinutes * length));
        if (t2 <= t1 || t2 >= gapEnd) return false;

        var fields = TimelineReplay.InitialFields(paused, events[0]);
        foreach (var e in events.Skip(1).TakeWhile(e => e.At < t1)) fields = TimelineReplay.Apply(fields, e);
        if (fields.Status is not (StatusCategory.New or StatusCategory.Open) || fields.StatusName == TicketStories.Waiting) return false;

        paused = paused with
        {
            Timeline = paused.Timeline.AddRange(
                TicketEvent.StatusChange(t1, StatusCategory.Pending),
                TicketEvent.StatusChange(t2, fields.Status, fields.StatusName)),
        };
        pause = $"+{(t1 - created).TotalMinutes}m..+{(t2 - created).TotalMinutes}m";
        return true;
    }
}
