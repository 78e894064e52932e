using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using static SlaTimers.Core.Tests.Clocks.TestRules;
using static SlaTimers.Core.Tests.Clocks.Times;

namespace SlaTimers.Core.Tests.Clocks;

public class ImportTests
{
    // 24x7 resolution 4h: 50 % at 11:00, +0 at 13:00, +1h at 14:00.
    private static readonly SlaRules Rules = Of(External(Always("all", Resolution("normal=4h", checkpoints: ["50%", "+0", "+1h"]))));

    private static readonly Instant Now = M(270);

    [Fact]
    public void A_ticket_imported_long_after_creation_reports_passed_checkpoints_as_missed()
    {
        var clock = TestTicket.Created(T0).Evaluate(Rules, Now, knownSince: Now).Resolution();

        Assert.Equal(ClockState.BreachedRunning, clock.State);
        Assert.Equal((H(2), CheckpointState.Missed), (clock.Checkpoint("50%").At!.Value, clock.Checkpoint("50%").State));
        Assert.Equal((H(4), CheckpointState.Missed), (clock.Checkpoint("+0").At!.Value, clock.Checkpoint("+0").State));
        Assert.Equal((H(5), CheckpointState.Upcoming), (clock.Checkpoint("+1h").At!.Value, clock.Checkpoint("+1h").State));
    }

    [Fact]
    public void Checkpoints_that_passed_after_the_ticket_became_known_are_due()
    {
        // Known since 10:40: the 11:00 and 13:00 checkpoints came while we watched.
        var clock = TestTicket.Created(T0).Evaluate(Rules, Now, knownSince: M(100)).Resolution();

        Assert.Equal(CheckpointState.Due, clock.Checkpoint("50%").State);
        Assert.Equal(CheckpointState.Due, clock.Checkpoint("+0").State);
        Assert.Equal(CheckpointState.Upcoming, clock.Checkpoint("+1h").State);
    }

    [Fact]
    public void Known_since_between_two_checkpoints_splits_them_into_missed_and_due()
    {
        var clock = TestTicket.Created(T0).Evaluate(Rules, Now, knownSince: H(3)).Resolution();

        Assert.Equal(CheckpointState.Missed, clock.Checkpoint("50%").State);
        Assert.Equal(CheckpointState.Due, clock.Checkpoint("+0").State);
    }

    [Fact]
    public void Without_known_since_every_passed_checkpoint_is_due()
    {
        var clock = TestTicket.Created(T0).Evaluate(Rules, Now).Resolution();

        Assert.Equal(CheckpointState.Due, clock.Checkpoint("50%").State);
        Assert.Equal(CheckpointState.Due, clock.Checkpoint("+0").State);
    }
}
