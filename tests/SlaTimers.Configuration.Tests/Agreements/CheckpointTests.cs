using NodaTime;
using SlaTimers.Core.Agreements;

namespace SlaTimers.Configuration.Tests.Agreements;

/// <summary>Checkpoints: the <c>at</c> syntax, escalation levels, and whom <c>notify</c> can name.</summary>
public class CheckpointTests
{
    private const string File = AgreementJson.File;
    private const string Path = AgreementJson.FirstResponse + ".checkpoints";

    private static ConfigLoadResult Load(string agreement, string? recipients = null)
    {
        using var folder = new TempConfigFolder().Agreement(AgreementJson.FileName, agreement);
        if (recipients is not null) folder.Recipients(recipients);
        return folder.Load();
    }

    private static IReadOnlyList<Checkpoint> LoadCheckpoints(string checkpoints, string? recipients = null) =>
        Assert.Single(Assert.Single(Assert.Single(Load(AgreementJson.WithCheckpoints(checkpoints), recipients).GetOrThrow().Agreements).Policies).Targets).Checkpoints;

    private static Checkpoint LoadCheckpoint(string at) => Assert.Single(LoadCheckpoints($$"""[{ "at": "{{at}}", "notify": ["assignee"] }]"""));

    public static TheoryData<string, CheckpointOffset> Offsets => new()
    {
        { "75%", CheckpointOffset.Share(75) },
        { "100%", CheckpointOffset.Share(100) },
        { "12.5 %", CheckpointOffset.Share(12.5) },
        { "30m before", CheckpointOffset.Before(Duration.FromMinutes(30)) },
        { "1h30m before wall", CheckpointOffset.Before(Duration.FromMinutes(90), wallClock: true) },
        { "PT15M before", CheckpointOffset.Before(Duration.FromMinutes(15)) },
        { "+0", CheckpointOffset.After(Duration.Zero) },
        { "+1h", CheckpointOffset.After(Duration.FromHours(1)) },
        { "+4h wall", CheckpointOffset.After(Duration.FromHours(4), wallClock: true) },
        { "+0 wall", CheckpointOffset.After(Duration.Zero, wallClock: true) },
    };

    [Theory]
    [MemberData(nameof(Offsets))]
    public void At_is_a_share_a_time_before_or_an_escalation_after_the_deadline(string at, CheckpointOffset expected)
    {
        Assert.Equal(expected, LoadCheckpoint(at).Offset);
    }

    [Fact]
    public void Escalation_levels_default_to_their_order_among_escalations_and_warnings_are_level_0()
    {
        var checkpoints = LoadCheckpoints("""
            [{ "at": "50%", "notify": ["assignee"] }, { "at": "+0", "notify": ["group-lead"] },
             { "at": "30m before", "notify": ["assignee"] }, { "at": "+1h wall", "notify": ["manager"] }]
            """);

        Assert.Equal([0, 1, 0, 2], checkpoints.Select(c => c.Level));
        Assert.Equal(["warn-50%", "escalate-1", "warn-30m-before", "escalate-2"], checkpoints.Select(c => c.Key));
    }

    [Fact]
    public void Explicit_level_overrides_the_order()
    {
        var checkpoints = LoadCheckpoints("""[{ "at": "+0", "notify": ["group-lead"], "level": 2 }, { "at": "+4h", "notify": ["manager"], "level": 3 }]""");

        Assert.Equal([2, 3], checkpoints.Select(c => c.Level));
    }

    [Fact]
    public void Two_escalations_at_one_level_are_refused()
    {
        var result = Load(AgreementJson.WithCheckpoints("""[{ "at": "+0", "notify": ["group-lead"] }, { "at": "+1h", "notify": ["manager"], "level": 1 }]"""));

        ProblemAssert.Single(result, File, $"{Path}[1].level", "escalation level 1 is already used at " + Path + "[0].at", "its own level");
    }

    [Fact]
    public void The_same_warning_twice_is_refused()
    {
        var result = Load(AgreementJson.WithCheckpoints("""[{ "at": "75%", "notify": ["assignee"] }, { "at": "75 %", "notify": ["group-lead"] }]"""));

        ProblemAssert.Single(result, File, $"{Path}[1].at", "the checkpoint '75%' is already at " + Path + "[0].at", "merge the two");
    }

    [Fact]
    public void Level_on_a_warning_is_refused()
    {
        var result = Load(AgreementJson.WithCheckpoints("""[{ "at": "75%", "notify": ["assignee"], "level": 1 }]"""));

        ProblemAssert.Single(result, File, $"{Path}[0].level", "'level' is only for escalations", "'75%' is a warning");
    }

    [Fact]
    public void Level_below_1_is_refused()
    {
        var result = Load(AgreementJson.WithCheckpoints("""[{ "at": "+0", "notify": ["assignee"], "level": 0 }]"""));

        ProblemAssert.Single(result, File, $"{Path}[0].level", "0 is not an escalation level", "1 or more");
    }

    [Theory]
    [InlineData("150%")]
    [InlineData("0%")]
    public void Share_outside_0_to_100_percent_is_refused(string at)
    {
        var result = Load(AgreementJson.WithCheckpoint(at));

        ProblemAssert.Single(result, File, $"{Path}[0].at", $"'{at}' is outside (0, 100]", "\"75%\"", "\"+1h\"");
    }

    [Theory]
    [InlineData("in 30m", "'in 30m' is not a checkpoint")]
    [InlineData("30 before", "'30' is not a duration")]
    [InlineData("before 30m", "'before 30m' is not a checkpoint")]
    [InlineData("+", "'+' is not a checkpoint")]
    [InlineData("+1 hour", "'1 hour' is not a duration")]
    [InlineData("+1d", "'1d' is not a duration")]
    [InlineData("75", "'75' is not a checkpoint")]
    [InlineData("-1h", "for a time before the deadline write \"30m before\"")]
    [InlineData("75% wall", "not to a share of the budget: write \"75%\"")]
    [InlineData("0m before", "is the deadline itself: write \"+0\"")]
    public void Bad_at_syntax_says_what_a_checkpoint_looks_like(string at, string message)
    {
        var result = Load(AgreementJson.WithCheckpoint(at));

        ProblemAssert.Single(result, File, $"{Path}[0].at", message);
    }

    [Fact]
    public void Unknown_at_form_lists_every_form()
    {
        var result = Load(AgreementJson.WithCheckpoint("soon"));

        ProblemAssert.Single(result, File, $"{Path}[0].at", "'soon' is not a checkpoint", "\"75%\"", "\"30m before\"", "\"+0\"", "\"+1h wall\"");
    }

    [Fact]
    public void Notify_maps_roles_people_channels_and_addresses()
    {
        var checkpoint = Assert.Single(LoadCheckpoints(
            """[{ "at": "+0", "notify": ["assignee", "Group", "group-lead", "manager", "j.devries", "desk-channel", "oncall@example.nl"] }]""",
            RecipientsJson.Make()));

        Assert.Equal<RecipientRef>(
            [
                new RecipientRef(RecipientRole.Assignee), new RecipientRef(RecipientRole.Group), new RecipientRef(RecipientRole.GroupLead),
                new RecipientRef(RecipientRole.Manager), new RecipientRef(RecipientRole.Named, "j.devries"),
                new RecipientRef(RecipientRole.Named, "desk-channel"), new RecipientRef(RecipientRole.Named, "oncall@example.nl"),
            ],
            checkpoint.Recipients);
    }

    [Fact]
    public void Unknown_recipient_reference_lists_the_known_people_and_channels()
    {
        var result = Load(AgreementJson.WithCheckpoint("+0", """["assignee", "j.devrie"]"""), RecipientsJson.Make());

        ProblemAssert.Single(result, File, $"{Path}[0].notify[1]", "unknown recipient 'j.devrie' (did you mean 'j.devries'?)",
            "known: desk-channel, j.devries, m.jansen", "an e-mail address", "assignee, group, group-lead, manager");
    }

    [Fact]
    public void Named_recipient_without_a_recipients_file_is_unknown()
    {
        var result = Load(AgreementJson.WithCheckpoint("+0", """["p.visser"]"""));

        ProblemAssert.Single(result, File, $"{Path}[0].notify[0]", "unknown recipient 'p.visser'", "known: none (recipients.json is missing or lists nobody)");
    }

    [Theory]
    [InlineData("team-lead", "group-lead")]
    [InlineData("asignee", "assignee")]
    [InlineData("managers", "manager")]
    [InlineData("Group_Lead", "group-lead")]
    public void Unknown_role_lists_the_roles(string role, string meant)
    {
        var result = Load(AgreementJson.WithCheckpoint("+0", $"[\"{role}\"]"), RecipientsJson.Make());

        ProblemAssert.Single(result, File, $"{Path}[0].notify[0]", $"unknown role '{role}' (did you mean '{meant}'?)",
            "expected one of the roles assignee, group, group-lead, manager");
    }

    [Fact]
    public void Empty_notify_is_refused_because_the_checkpoint_would_reach_nobody()
    {
        var result = Load(AgreementJson.WithCheckpoint("75%", "[]"));

        ProblemAssert.Single(result, File, $"{Path}[0].notify", "'notify' is empty: a checkpoint must notify someone");
    }

    [Fact]
    public void Missing_notify_is_refused()
    {
        var result = Load(AgreementJson.WithCheckpoints("""[{ "at": "75%" }]"""));

        ProblemAssert.Single(result, File, $"{Path}[0].notify", "'notify' is missing");
    }

    [Fact]
    public void Recipient_listed_twice_is_refused()
    {
        var result = Load(AgreementJson.WithCheckpoint("75%", """["assignee", "Assignee"]"""));

        ProblemAssert.Single(result, File, $"{Path}[0].notify[1]", "'Assignee' is listed twice");
    }
}
