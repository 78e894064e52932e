using SlaTimers.Notifications.Messages;

namespace SlaTimers.Notifications.Tests.Messages;

public class DefaultMessageComposerTests
{
    [Fact]
    public void Subject_reads_as_the_checkpoint_title_with_the_local_due_time()
    {
        var message = DefaultMessageComposer.Compose(Samples.Warning());
        // Due 13:30 UTC = 14:30 in Amsterdam, whose November abbreviation is CET.
        Assert.Equal("Warn 75 % · ZD-4821 · first response · due 14:30 CET", message.Subject);
        Assert.Contains("in 30 minutes", message.TextBody);
    }

    [Fact]
    public void A_hostile_ticket_subject_arrives_as_text_in_the_html_part()
    {
        var message = DefaultMessageComposer.Compose(Samples.Warning("<script>alert(1)</script> {{ x }}"));
        Assert.DoesNotContain("<script>", message.HtmlBody);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; {{ x }}", message.HtmlBody);
        Assert.Contains("<script>alert(1)</script>", message.TextBody);
    }

    [Fact]
    public void A_delivery_well_after_its_checkpoint_says_it_is_late()
    {
        var late = DefaultMessageComposer.Compose(Samples.Warning(checkpointAt: Samples.Now - NodaTime.Duration.FromMinutes(10)));
        var onTime = DefaultMessageComposer.Compose(Samples.Warning());
        Assert.Contains("sent late", late.TextBody);
        Assert.DoesNotContain("sent late", onTime.TextBody);
    }

    [Fact]
    public void Dutch_recipients_get_dutch_wording()
    {
        var message = DefaultMessageComposer.Compose(Samples.Warning(language: "nl"));
        Assert.Contains("over 30 minuten", message.TextBody);
        Assert.Contains("Prioriteit: P2", message.TextBody);
    }

    [Fact]
    public void The_same_notification_always_has_the_same_message_id_and_clock_notices_share_a_thread()
    {
        var a = DefaultMessageComposer.Compose(Samples.Warning());
        var b = DefaultMessageComposer.Compose(Samples.Warning(subject: "changed"));
        Assert.Equal(a.MessageId, b.MessageId);
        Assert.Equal(a.ThreadId, b.ThreadId);
        Assert.NotEqual(a.MessageId, a.ThreadId);
        Assert.EndsWith("@" + MessageIds.Domain, a.MessageId);
    }
}
