using SlaTimers.Notifications.Templates;
using SlaTimers.Notifications.Tests.Support;

namespace SlaTimers.Notifications.Tests.Templates;

public sealed class TemplateCatalogTests : IDisposable
{
    private readonly TemplateFolders _templates = new();

    public void Dispose() => _templates.Dispose();

    private string Copy() => _templates.Copy();

    [Fact]
    public void Every_shipped_template_parses_and_renders_the_hostile_samples_in_dutch_and_english()
    {
        Assert.Empty(TemplateCatalog.Validate(Repository.ConfigDirectory));
        var catalog = TemplateCatalog.Load(Path.Combine(Repository.ConfigDirectory, "templates"));
        Assert.Equal(["en", "nl"], catalog.Languages);
    }

    [Fact]
    public void A_config_folder_without_templates_has_no_template_problems()
    {
        var empty = _templates.Empty();
        Assert.Empty(TemplateCatalog.Validate(empty));
        Assert.Null(MessageTemplates.Load(empty).Current);
    }

    [Fact]
    public void A_missing_template_is_named_with_its_file()
    {
        var config = Copy();
        File.Delete(Path.Combine(config, "templates", "breach.nl.html.liquid"));

        var problem = Assert.Single(TemplateCatalog.Validate(config));
        Assert.Equal("templates/breach.nl.html.liquid", problem.File);
        Assert.StartsWith("templates/breach.nl.html.liquid: $: missing", problem.ToString());
    }

    [Fact]
    public void An_unparsable_template_is_named_with_fluids_error_and_position()
    {
        var config = Copy();
        File.WriteAllText(Path.Combine(config, "templates", "warning.en.text.liquid"), "Hello\n{% if ticket.subject %}\nno end");

        var problem = Assert.Single(TemplateCatalog.Validate(config));
        Assert.Equal("templates/warning.en.text.liquid", problem.File);
        Assert.Equal("templates/warning.en.text.liquid: line 3, column 7: does not parse (Fluid): '{% endif %}' was expected at (3:7) (near \"no end\")",
            problem.ToString());
        Assert.Throws<TemplateCatalogException>(() => TemplateCatalog.Load(Path.Combine(config, "templates")));
    }

    [Theory]
    [InlineData("{{ tikket.display_id }}", "tikket")]
    [InlineData("{{ ticket.subjekt }}", "ticket.subjekt")]
    public void A_misspelt_variable_is_found_before_any_message_is_sent(string template, string misspelt)
    {
        var config = Copy();
        File.WriteAllText(Path.Combine(config, "templates", "escalation.nl.subject.liquid"), template);

        var problem = Assert.Single(TemplateCatalog.Validate(config));
        Assert.Equal("templates/escalation.nl.subject.liquid", problem.File);
        Assert.Contains($"unknown variable {misspelt}", problem.Message);
    }

    [Fact]
    public void A_card_with_a_value_outside_a_json_string_is_refused()
    {
        var config = Copy();
        File.WriteAllText(Path.Combine(config, "templates", "card.en.json.liquid"),
            """{ "type": "AdaptiveCard", "version": "1.4", "body": [ { "type": "TextBlock", "text": {{ ticket.subject }} } ] }""");

        var problem = Assert.Single(TemplateCatalog.Validate(config));
        Assert.Equal("templates/card.en.json.liquid", problem.File);
        Assert.Contains("not valid JSON", problem.Message);
    }

    [Fact]
    public void The_raw_filter_does_not_exist_so_no_value_can_skip_its_encoding()
    {
        var config = Copy();
        File.WriteAllText(Path.Combine(config, "templates", "warning.en.html.liquid"), "<p>{{ ticket.subject | raw }}</p>");

        var problem = Assert.Single(TemplateCatalog.Validate(config));
        Assert.Contains("raw", problem.Message);
    }

    [Fact]
    public void An_unknown_file_name_and_an_incomplete_extra_language_are_problems()
    {
        var config = Copy();
        File.WriteAllText(Path.Combine(config, "templates", "warnings.en.text.liquid"), "x");
        File.WriteAllText(Path.Combine(config, "templates", "warning.de.text.liquid"), "x");

        var problems = TemplateCatalog.Validate(config);
        Assert.Contains(problems, p => p.File == "templates/warnings.en.text.liquid" && p.Message.StartsWith("not a template name"));
        Assert.Contains(problems, p => p.File == "templates/card.de.json.liquid" && p.Message.StartsWith("missing"));
    }

    [Fact]
    public void A_reload_with_a_broken_template_keeps_the_catalog_in_use()
    {
        var config = Copy();
        var templates = MessageTemplates.Load(config);
        var before = templates.Current;
        File.WriteAllText(Path.Combine(config, "templates", "warning.en.text.liquid"), "{% if %}");

        Assert.NotEmpty(templates.Reload());
        Assert.Same(before, templates.Current);

        File.WriteAllText(Path.Combine(config, "templates", "warning.en.text.liquid"), "fixed {{ ticket.display_id }}");
        Assert.Empty(templates.Reload());
        Assert.NotSame(before, templates.Current);
    }

    [Theory]
    [InlineData("nl", "nl")]
    [InlineData("nl-BE", "nl")]
    [InlineData("EN-gb", "en")]
    [InlineData("de", "en")]
    [InlineData("", "en")]
    public void A_recipient_gets_their_language_or_english(string requested, string used)
    {
        var catalog = TemplateCatalog.Load(Path.Combine(Repository.ConfigDirectory, "templates"));
        Assert.Equal(used, catalog.LanguageFor(requested));
    }
}
