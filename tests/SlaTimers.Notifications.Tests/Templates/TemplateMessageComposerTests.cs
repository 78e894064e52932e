using System.Text.Json;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Notifications.Messages;
using SlaTimers.Notifications.Templates;
using SlaTimers.Notifications.Tests.Messages;
using SlaTimers.Notifications.Tests.Support;

namespace SlaTimers.Notifications.Tests.Templates;

public class TemplateMessageComposerTests
{
    public const string Hostile = "<script>alert(1)</script> {{ x }} ${y} **bold** [link](http://evil)";

    internal static TemplateMessageComposer Shipped() =>
        new(MessageTemplates.Load(Repository.ConfigDirectory));

    [Fact]
    public void An_english_warning_says_when_it_is_due_in_the_recipients_zone()
    {
        var message = Shipped().Compose(Samples.Warning());
        Assert.Equal("Warning 75% · ZD-4821 · first response due 14:30 CET (in 30 minutes) · Printer offline", message.Subject);
        Assert.Contains("due 14:30 CET (in 30 minutes)", message.TextBody);
        Assert.Contains("Business time used: 3h of 4h (75 %); 1h left.", message.TextBody);
        Assert.Contains("Group:         Servicedesk", message.TextBody);
        Assert.Contains("<a href=\"https://example.zendesk.com/agent/tickets/4821\">", message.HtmlBody);
        Assert.DoesNotContain("Sent late", message.TextBody);
    }

    [Fact]
    public void A_dutch_warning_is_in_dutch()
    {
        var message = Shipped().Compose(Samples.Warning(language: "nl-NL"));
        Assert.Equal("nl", message.Language);
        Assert.StartsWith("Waarschuwing 75% · ZD-4821 · eerste reactie uiterlijk 14:30 CET (over 30 minuten)", message.Subject);
        Assert.Contains("Prioriteit:    P2", message.TextBody);
        Assert.Contains("<html lang=\"nl\">", message.HtmlBody);
        Assert.Contains("Ticket openen", message.AdaptiveCard);
    }

    [Fact]
    public void A_breach_and_a_later_escalation_use_their_own_templates_with_the_level()
    {
        var breach = Shipped().Compose(Samples.Escalation(level: 1, after: Duration.Zero));
        var escalation = Shipped().Compose(Samples.Escalation(level: 2, after: Duration.FromHours(1), language: "nl"));
        Assert.StartsWith("Breached · ZD-4821 · first response was due", breach.Subject);
        Assert.StartsWith("Escalatie niveau 2 · ZD-4821 · eerste reactie 1h over tijd", escalation.Subject);
        Assert.Equal(TeamsNotices.BreachActivity, breach.Teams!.ActivityType);
        Assert.Equal(TeamsNotices.EscalationActivity, escalation.Teams!.ActivityType);
    }

    [Fact]
    public void A_late_delivery_says_so()
    {
        var message = Shipped().Compose(Samples.Warning(checkpointAt: Samples.Now - Duration.FromMinutes(10)));
        Assert.StartsWith("[late] ", message.Subject);
        // Now is 14:00 CET; the checkpoint was ten minutes earlier.
        Assert.Contains("Sent late: this warning was due at 13:50 CET.", message.TextBody);
    }

    [Fact]
    public void Ids_and_threading_are_those_of_the_built_in_composer()
    {
        var templated = Shipped().Compose(Samples.Warning());
        var builtIn = DefaultMessageComposer.Compose(Samples.Warning());
        Assert.Equal(builtIn.MessageId, templated.MessageId);
        Assert.Equal(builtIn.ThreadId, templated.ThreadId);
        Assert.Equal(builtIn.Link, templated.Link);
    }

    [Fact]
    public void Without_templates_the_built_in_wording_is_used()
    {
        var composer = new TemplateMessageComposer(new MessageTemplates(Path.GetTempPath(), null));
        Assert.Equal(DefaultMessageComposer.Compose(Samples.Warning()).Subject, composer.Compose(Samples.Warning()).Subject);
    }

    [Fact]
    public void Html_gets_a_hostile_subject_html_encoded_and_never_evaluated()
    {
        var message = Shipped().Compose(Samples.Warning(Hostile));
        Assert.DoesNotContain("<script>", message.HtmlBody);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; {{ x }} ${y} **bold** [link](http://evil)", message.HtmlBody);
    }

    [Fact]
    public void Text_gets_the_subject_as_it_is_and_never_evaluated()
    {
        var message = Shipped().Compose(Samples.Warning(Hostile));
        Assert.Contains("ZD-4821 — " + Hostile, message.TextBody);
    }

    [Fact]
    public void A_subject_never_carries_a_line_break_into_the_header()
    {
        var message = Shipped().Compose(Samples.Warning("Printer\r\nBcc: victim@example.com\nX-Evil: 1"));
        Assert.DoesNotContain('\r', message.Subject);
        Assert.DoesNotContain('\n', message.Subject);
        Assert.EndsWith("Printer Bcc: victim@example.com X-Evil: 1", message.Subject);
    }

    [Fact]
    public void The_card_is_valid_json_with_the_hostile_subject_as_neutralised_literal_text()
    {
        var card = Shipped().Compose(Samples.Warning(Hostile)).AdaptiveCard!;
        using var document = JsonDocument.Parse(card);
        var subjectBlock = document.RootElement.GetProperty("body")[1].GetProperty("text").GetString()!;

        Assert.Equal(@"\<script\>alert\(1\)\</script\> {{ x }} $" + "\u200B" + @"{y} \*\*bold\*\* \[link\]\(http://evil\)", subjectBlock);
        Assert.DoesNotContain("**", subjectBlock.Replace(@"\*", "", StringComparison.Ordinal));
        Assert.DoesNotContain("${", subjectBlock);
        Assert.Equal("https://example.zendesk.com/agent/tickets/4821",
            document.RootElement.GetProperty("actions")[0].GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("- item", @"\- item")]
    [InlineData("1. first", @"1\. first")]
    [InlineData("# heading", @"\# heading")]
    [InlineData("> quote", @"\> quote")]
    [InlineData("`code` _em_ ~strike~", @"\`code\` \_em\_ \~strike\~")]
    [InlineData("a\r\nb\nc", "a b c")]
    [InlineData("${a} $b {c}", "$\u200B{a} $b {c}")]
    [InlineData("plain text 4821", "plain text 4821")]
    public void Card_values_are_neutralised_for_markdown_and_card_templating(string value, string neutralised)
    {
        Assert.Equal(neutralised, AdaptiveCardText.Neutralise(value));
    }

    [Fact]
    public void The_teams_activity_carries_the_ticket_the_target_and_the_due_time()
    {
        var notice = Shipped().Compose(Samples.Warning()).Teams!;
        Assert.Equal(TeamsNotices.WarningActivity, notice.ActivityType);
        Assert.Equal("ZD-4821 Printer offline", notice.TopicText);
        Assert.Equal("https://example.zendesk.com/agent/tickets/4821", notice.TopicLink);
        Assert.Equal(
            [new("ticket", "ZD-4821"), new("target", "first response"), new("deadline", "14:30 CET"), new("level", "0")],
            notice.TemplateParameters);
        Assert.True(notice.PreviewText.Length <= TeamsNotices.PreviewLength);
    }
}
