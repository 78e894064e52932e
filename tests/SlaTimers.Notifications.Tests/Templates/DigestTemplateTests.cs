using NodaTime;
using SlaTimers.Notifications.Messages;
using SlaTimers.Notifications.Templates;
using SlaTimers.Notifications.Tests.Messages;
using SlaTimers.Notifications.Tests.Support;

namespace SlaTimers.Notifications.Tests.Templates;

public sealed class DigestTemplateTests : IDisposable
{
    private readonly TemplateFolders _templates = new();

    public void Dispose() => _templates.Dispose();

    private string Copy() => _templates.Copy();

    private static DigestContext Digest(string language = "en", string subject = "Printer offline")
    {
        var first = Samples.Warning(subject, language: language);
        var second = first with
        {
            NotificationKey = first.NotificationKey + "-2",
            Ticket = first.Ticket with { ExternalId = "4822", Subject = "VPN down" },
            HeldUntil = Samples.Now - Duration.FromMinutes(1),
        };
        return new DigestContext("digest/abc", "Jan de Vries", "j.devries@example.nl", language, Samples.Amsterdam, Samples.Now, [first, second]);
    }

    [Fact]
    public void The_shipped_digest_templates_exist_in_dutch_and_english()
    {
        var catalog = TemplateCatalog.Load(Path.Combine(Repository.ConfigDirectory, "templates"));
        Assert.Equal(["en", "nl"], catalog.DigestLanguages);
    }

    [Fact]
    public void An_incomplete_digest_set_is_refused_with_the_missing_file_named()
    {
        var config = Copy();
        File.Delete(Path.Combine(config, "templates", "digest.nl.json.liquid"));

        var problem = Assert.Single(TemplateCatalog.Validate(config));
        Assert.Equal("templates/digest.nl.json.liquid", problem.File);
        Assert.Contains("come as a set of 4", problem.Message);
    }

    [Fact]
    public void Without_digest_templates_a_digest_uses_the_built_in_wording()
    {
        var config = Copy();
        foreach (var file in Directory.GetFiles(Path.Combine(config, "templates"), "digest.*")) File.Delete(file);

        var composer = new TemplateMessageComposer(MessageTemplates.Load(config));
        var message = composer.ComposeDigest(Digest());

        Assert.Empty(TemplateCatalog.Validate(config));
        Assert.Equal("2 SLA warnings · ZD-4821, ZD-4822", message.Subject);
    }

    [Fact]
    public void A_misspelt_item_variable_inside_the_loop_is_found_at_start()
    {
        var config = Copy();
        File.AppendAllText(Path.Combine(config, "templates", "digest.en.text.liquid"), "{% for item in items %}{{ item.tikcet.subject }}{% endfor %}");

        var problem = Assert.Single(TemplateCatalog.Validate(config));
        Assert.Equal("templates/digest.en.text.liquid", problem.File);
        Assert.Contains("unknown variable", problem.Message);
        Assert.Contains("tikcet", problem.Message);
    }

    [Theory]
    [InlineData("en", "2 SLA warnings · ZD-4821, ZD-4822", "Held for your quiet hours")]
    [InlineData("nl", "2 SLA-waarschuwingen · ZD-4821, ZD-4822", "Vastgehouden tijdens je rusttijd")]
    public void A_digest_lists_every_warning_and_says_it_was_held(string language, string subject, string held)
    {
        var composer = new TemplateMessageComposer(MessageTemplates.Load(Repository.ConfigDirectory));

        var message = composer.ComposeDigest(Digest(language));

        Assert.Equal(subject, message.Subject);
        Assert.Contains("ZD-4821 — Printer offline", message.TextBody);
        Assert.Contains("ZD-4822 — VPN down", message.TextBody);
        Assert.Contains(held, message.TextBody);
        Assert.Contains(held, message.HtmlBody);
        Assert.Equal(MessageIds.ForNotification("digest/abc"), message.MessageId);
        using var card = System.Text.Json.JsonDocument.Parse(message.AdaptiveCard!);
        Assert.Equal("AdaptiveCard", card.RootElement.GetProperty("type").GetString());
        Assert.Equal(TeamsNotices.WarningActivity, message.Teams!.ActivityType);
    }

    [Fact]
    public void Ticket_values_in_a_digest_are_html_encoded()
    {
        var composer = new TemplateMessageComposer(MessageTemplates.Load(Repository.ConfigDirectory));

        var message = composer.ComposeDigest(Digest(subject: "<script>alert(1)</script>"));

        Assert.DoesNotContain("<script>", message.HtmlBody);
        Assert.Contains("&lt;script&gt;", message.HtmlBody);
        Assert.DoesNotContain("<script>", DefaultMessageComposer.ComposeDigest(Digest(subject: "<script>alert(1)</script>")).HtmlBody);
    }

    [Fact]
    public void A_held_warning_says_so_and_is_not_late_while_one_sent_long_after_the_opening_is()
    {
        var held = Samples.Warning(checkpointAt: Samples.Now - Duration.FromHours(8)) with { HeldUntil = Samples.Now - Duration.FromMinutes(1) };
        var composer = new TemplateMessageComposer(MessageTemplates.Load(Repository.ConfigDirectory));

        var message = composer.Compose(held);

        Assert.True(held.IsHeld);
        Assert.False(held.IsLate);
        Assert.Contains("Held for your quiet hours: this was due at 06:00 CET and waited for your working hours to begin (13:59 CET).", message.TextBody);
        Assert.DoesNotContain("[late]", message.Subject);
        Assert.True((held with { HeldUntil = Samples.Now - Duration.FromMinutes(10) }).IsLate);
        Assert.Contains("Held: this checkpoint was at 06:00 CET", DefaultMessageComposer.Compose(held).TextBody);
    }
}
