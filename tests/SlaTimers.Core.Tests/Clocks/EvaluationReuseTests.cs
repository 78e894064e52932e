using CsCheck;
using SlaTimers.Core.Clocks;

namespace SlaTimers.Core.Tests.Clocks;

/// <summary>
/// Evaluations reuse their working state per thread (see <c>TrackerPool</c>): a ticket's clocks must not
/// depend on which ticket was evaluated before it on the same thread, nor on whether that one was explained.
/// </summary>
public class EvaluationReuseTests
{
    [Fact]
    public void Clocks_are_the_same_whatever_was_evaluated_before_on_the_thread()
    {
        Gen.Select(TicketStories.Stories, TicketStories.Stories, Gen.Bool).Sample((first, second, explainFirst) =>
        {
            var alone = ClockEvaluator.Evaluate(second.Ticket(), TicketStories.Rules, second.Now).Fingerprint();

            ClockEvaluator.Evaluate(first.Ticket(), TicketStories.Rules, first.Now, explain: explainFirst);
            var afterAnother = ClockEvaluator.Evaluate(second.Ticket(), TicketStories.Rules, second.Now).Fingerprint();

            Assert.Equal(alone, afterAnother);
        }, iter: 2_000, print: t => $"{t.Item1} then {t.Item2} (explain first: {t.Item3})");
    }

    [Fact]
    public void Clocks_on_a_fresh_thread_equal_those_on_a_thread_that_evaluated_before()
    {
        var stories = TicketStories.Stories.Array[50].Single();
        var here = stories.Select(s => ClockEvaluator.Evaluate(s.Ticket(), TicketStories.Rules, s.Now).Fingerprint()).ToArray();

        // Each story on a thread of its own: nothing kept from an earlier evaluation.
        var fresh = stories.Select(s =>
        {
            string? fingerprint = null;
            var thread = new Thread(() => fingerprint = ClockEvaluator.Evaluate(s.Ticket(), TicketStories.Rules, s.Now).Fingerprint());
            thread.Start();
            thread.Join();
            return fingerprint;
        }).ToArray();

        Assert.Equal(fresh, here);
    }

    [Fact]
    public void Explained_clocks_are_the_same_when_the_same_ticket_is_explained_twice()
    {
        TicketStories.Stories.Sample(story =>
        {
            var first = ClockEvaluator.Evaluate(story.Ticket(), TicketStories.Rules, story.Now, explain: true);
            var second = ClockEvaluator.Evaluate(story.Ticket(), TicketStories.Rules, story.Now, explain: true);

            Assert.Equal(first.Fingerprint(), second.Fingerprint());
            Assert.Equal(first.Select(c => c.Explanation!.Segments.Length), second.Select(c => c.Explanation!.Segments.Length));
            Assert.Equal(first.Select(c => c.Explanation!.Notes.Length), second.Select(c => c.Explanation!.Notes.Length));
        }, iter: 500);
    }
}
