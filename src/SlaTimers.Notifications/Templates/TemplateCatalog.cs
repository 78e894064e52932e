using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Fluid;
using Fluid.Values;
using SlaTimers.Notifications.Messages;

namespace SlaTimers.Notifications.Templates;

/// <summary>
/// The notification templates of the config folder (<c>config/templates/*.liquid</c>), parsed once and checked
/// against <see cref="TemplateSamples"/>: each of <c>warning</c>, <c>breach</c> and <c>escalation</c> has a subject,
/// text and HTML template per language, plus one Adaptive Card per language (<c>card.{language}.json.liquid</c>);
/// Dutch and English are required, other languages are optional but complete. The digest templates
/// (<c>digest.{language}.{subject|text|html|json}.liquid</c>) are optional per language, as a set of four: without
/// them a digest uses the built-in wording. Admins edit the files without a rebuild; a reload parses them again
/// (<see cref="MessageTemplates"/>).
/// </summary>
public sealed class TemplateCatalog
{
    public const string FolderName = "templates";
    public const string DefaultLanguage = "en";

    public static IReadOnlyList<string> RequiredLanguages { get; } = ["en", "nl"];

    private static readonly CheckpointKind[] Kinds = Enum.GetValues<CheckpointKind>();
    private static readonly TemplateFormat[] MessageParts = [TemplateFormat.Subject, TemplateFormat.Text, TemplateFormat.Html];
    private static readonly TemplateFormat[] DigestParts = [TemplateFormat.Subject, TemplateFormat.Text, TemplateFormat.Html, TemplateFormat.Card];

    // Thread-safe once built; function calls off (not Liquid, and not needed by the templates).
    private static readonly FluidParser Parser = new(new FluidParserOptions { AllowFunctions = false });

    private static readonly TemplateOptions RenderOptions = CreateOptions(strict: false);

    private readonly FrozenDictionary<string, IFluidTemplate> _templates;

    private TemplateCatalog(string directory, IReadOnlyList<string> languages, IReadOnlyList<string> digestLanguages, FrozenDictionary<string, IFluidTemplate> templates)
    {
        Directory = directory;
        Languages = languages;
        DigestLanguages = digestLanguages;
        _templates = templates;
    }

    /// <summary>The templates folder this catalog was read from.</summary>
    public string Directory { get; }

    /// <summary>The languages with a complete set of templates, e.g. en, nl.</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>The languages with the four digest templates; a digest in another language uses the built-in wording.</summary>
    public IReadOnlyList<string> DigestLanguages { get; }

    /// <summary>Is there a templates folder in this config folder (otherwise the built-in wording is used)?</summary>
    public static bool ExistsIn(string configDirectory) => System.IO.Directory.Exists(Path.Combine(configDirectory, FolderName));

    /// <summary>
    /// The problems of <c>{configDirectory}/templates</c>, for <c>check-config</c>: none when the folder is absent
    /// (the built-in wording applies) or every template parses, renders the sample and (the cards) gives valid JSON.
    /// </summary>
    public static IReadOnlyList<TemplateProblem> Validate(string configDirectory) =>
        ExistsIn(configDirectory) ? Read(Path.Combine(configDirectory, FolderName)).Problems : [];

    /// <summary>Reads a templates folder.</summary>
    /// <exception cref="TemplateCatalogException">A template is missing, does not parse or does not render; every problem is listed.</exception>
    public static TemplateCatalog Load(string templatesDirectory)
    {
        var (catalog, problems) = Read(templatesDirectory);
        return catalog ?? throw new TemplateCatalogException(problems);
    }

    /// <summary>The catalog, or the problems that keep the folder from being used.</summary>
    public static (TemplateCatalog? Catalog, IReadOnlyList<TemplateProblem> Problems) Read(string templatesDirectory)
    {
        var full = Path.GetFullPath(templatesDirectory);
        var prefix = FolderName + "/";
        var problems = new List<TemplateProblem>();
        if (!System.IO.Directory.Exists(full))
        {
            return (null, [new TemplateProblem(FolderName, "$", $"the templates folder {full} does not exist")]);
        }

        var parsed = new Dictionary<string, IFluidTemplate>(StringComparer.Ordinal);
        var languages = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in System.IO.Directory.EnumerateFiles(full, "*" + TemplateFormats.Extension).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var key = name[..^TemplateFormats.Extension.Length];
            if (!IsKnownName(key, out var language))
            {
                problems.Add(new TemplateProblem(prefix + name, "$",
                    "not a template name: expected {warning|breach|escalation|digest}.{language}.{subject|text|html}.liquid, card.{language}.json.liquid or digest.{language}.json.liquid"));
                continue;
            }
            languages.Add(language);
            string source;
            try
            {
                source = File.ReadAllText(path);
            }
            catch (IOException e)
            {
                problems.Add(new TemplateProblem(prefix + name, "$", $"cannot be read: {e.Message}"));
                continue;
            }
            if (Parser.TryParse(source, out var template, out var error))
            {
                parsed[key] = template;
            }
            else
            {
                // Fluid adds the offending source line below its message; a problem stays on one line.
                var lines = error.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var near = lines.Length > 2 && lines[1] == "Source:" ? $" (near \"{MessageText.Shorten(lines[2], 60)}\")" : "";
                problems.Add(new TemplateProblem(prefix + name, Position(lines.FirstOrDefault() ?? ""), $"does not parse (Fluid): {lines.FirstOrDefault()}{near}"));
            }
        }

        foreach (var language in RequiredLanguages.Union(languages))
        {
            foreach (var (kind, format) in Kinds.SelectMany(k => MessageParts.Select(f => ((CheckpointKind?)k, f))).Append((null, TemplateFormat.Card)))
            {
                var file = TemplateFormats.FileName(kind, language, format);
                if (!File.Exists(Path.Combine(full, file)))
                {
                    problems.Add(new TemplateProblem(prefix + file, "$",
                        $"missing: every language needs all {Kinds.Length * MessageParts.Length + 1} templates" +
                        (RequiredLanguages.Contains(language) ? $" ({string.Join(" and ", RequiredLanguages)} are required)" : "")));
                }
            }
        }

        var digestLanguages = new List<string>();
        foreach (var language in languages)
        {
            var files = DigestParts.Select(f => TemplateFormats.DigestFileName(language, f)).ToList();
            var present = files.Count(f => File.Exists(Path.Combine(full, f)));
            if (present == files.Count) digestLanguages.Add(language);
            else if (present > 0)
            {
                problems.AddRange(files.Where(f => !File.Exists(Path.Combine(full, f))).Select(f => new TemplateProblem(prefix + f, "$",
                    $"missing: the digest templates of a language come as a set of {files.Count} (subject, text, html, json); " +
                    "remove them all to use the built-in digest wording")));
            }
        }

        var catalog = new TemplateCatalog(full, languages.ToList(), digestLanguages, parsed.ToFrozenDictionary(StringComparer.Ordinal));
        if (problems.Count == 0) problems.AddRange(catalog.CheckWithSamples(prefix));
        return problems.Count == 0 ? (catalog, []) : (null, problems);
    }

    /// <summary>The language to use for a recipient: exact, then the part before '-', then English.</summary>
    public string LanguageFor(string requested)
    {
        var wanted = (requested ?? "").Trim().ToLowerInvariant();
        if (Languages.Contains(wanted)) return wanted;
        var primary = wanted.Split('-', '_')[0];
        return Languages.Contains(primary) ? primary : DefaultLanguage;
    }

    /// <summary>Renders one part for a notification.</summary>
    public string Render(CheckpointKind kind, string language, TemplateFormat format, IReadOnlyDictionary<string, object?> model) =>
        Render(KeyOf(format == TemplateFormat.Card ? null : kind, language, format), format, model, RenderOptions);

    /// <summary>Does <paramref name="language"/> (as <see cref="LanguageFor"/> chose it) have digest templates?</summary>
    public bool HasDigest(string language) => DigestLanguages.Contains(language);

    /// <summary>Renders one part of a digest (<see cref="TemplateModel.FromDigest"/>); <see cref="HasDigest"/> must hold.</summary>
    public string RenderDigest(string language, TemplateFormat format, IReadOnlyDictionary<string, object?> model) =>
        Render(DigestKeyOf(language, format), format, model, RenderOptions);

    private static string DigestKeyOf(string language, TemplateFormat format) =>
        TemplateFormats.DigestFileName(language, format)[..^TemplateFormats.Extension.Length];

    private IEnumerable<TemplateProblem> CheckDigestsWithSamples(string prefix)
    {
        foreach (var language in DigestLanguages)
        {
            var model = TemplateModel.FromDigest(TemplateSamples.Digest(language), language);
            foreach (var format in DigestParts)
            {
                var (rendered, failure) = TryRender(DigestKeyOf(language, format), format, model);
                var problem = failure is not null ? $"does not render the sample digest: {failure}"
                    : format == TemplateFormat.Card && CardProblem(rendered) is { } card ? $"the rendered sample digest {card}"
                    : format == TemplateFormat.Subject && rendered.Length == 0 ? "renders an empty subject for the sample digest"
                    : null;
                if (problem is not null) yield return new TemplateProblem(prefix + TemplateFormats.DigestFileName(language, format), "$", problem);
            }
        }
    }

    private IEnumerable<TemplateProblem> CheckWithSamples(string prefix)
    {
        foreach (var problem in CheckDigestsWithSamples(prefix)) yield return problem;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var language in Languages)
        {
            foreach (var kind in Kinds)
            {
                var model = TemplateModel.From(TemplateSamples.Context(kind, language), language);
                foreach (var format in MessageParts.Append(TemplateFormat.Card))
                {
                    var file = prefix + TemplateFormats.FileName(kind, language, format);
                    if (reported.Contains(file)) continue;
                    var (rendered, failure) = TryRender(KeyOf(format == TemplateFormat.Card ? null : kind, language, format), format, model);
                    var problem = failure is not null ? $"does not render the sample {kind.ToName()}: {failure}"
                        : format == TemplateFormat.Card && CardProblem(rendered) is { } card ? $"the rendered {kind.ToName()} sample {card}"
                        : format == TemplateFormat.Subject && rendered.Length == 0 ? $"renders an empty subject for the sample {kind.ToName()}"
                        : null;
                    if (problem is null) continue;
                    reported.Add(file);
                    yield return new TemplateProblem(file, "$", problem);
                }
            }
        }
    }

    /// <summary>
    /// Renders the sample with a value everywhere (null becomes ""), noting every name a template asks for that the
    /// model does not have: a misspelt variable is found at start, not in a recipient's inbox.
    /// </summary>
    private (string Text, string? Failure) TryRender(string key, TemplateFormat format, IReadOnlyDictionary<string, object?> model)
    {
        var misses = new List<string>();
        var options = CreateOptions(strict: true);
        options.Undefined = name =>
        {
            misses.Add(name);
            return ValueTask.FromResult<FluidValue>(NilValue.Instance);
        };
        var checkedModel = model.ToDictionary(p => p.Key, p => (object?)Checked(p.Value, p.Key, misses, options));
        try
        {
            var text = Render(key, format, checkedModel, options);
            return misses.Count == 0 ? (text, null) : ("", Unknown(misses));
        }
        catch (Exception e) when (e is FluidException or InvalidOperationException or ArgumentException or FormatException)
        {
            return ("", misses.Count > 0 ? Unknown(misses) : e.Message);
        }

        static string Unknown(List<string> names) =>
            $"unknown variable {string.Join(", ", names.Distinct())} (the README of the templates folder lists the variables)";
    }

    private static FluidValue Checked(object? value, string path, List<string> misses, TemplateOptions options) => value switch
    {
        null => StringValue.Empty,
        IReadOnlyDictionary<string, object?> nested => new DictionaryValue(new CheckedMembers(nested, path, misses, options)),
        IEnumerable<IReadOnlyDictionary<string, object?>> list => new ArrayValue([.. list.Select(item => Checked(item, path + "[]", misses, options))]),
        _ => FluidValue.Create(value, options),
    };

    /// <summary>A model object that notes the members a template asks for and it does not have.</summary>
    private sealed class CheckedMembers(IReadOnlyDictionary<string, object?> values, string path, List<string> misses, TemplateOptions options)
        : IFluidIndexable
    {
        public int Count => values.Count;

        public IEnumerable<string> Keys => values.Keys;

        public bool TryGetValue(string name, out FluidValue value)
        {
            if (values.TryGetValue(name, out var found))
            {
                value = Checked(found, path + "." + name, misses, options);
                return true;
            }
            misses.Add(path + "." + name);
            value = NilValue.Instance;
            return false;
        }
    }

    private static string? CardProblem(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                   && type.GetString() == "AdaptiveCard"
                ? null
                : "is not an Adaptive Card: expected a JSON object with \"type\": \"AdaptiveCard\"";
        }
        catch (JsonException e)
        {
            return $"is not valid JSON ({e.Message}); ticket values belong inside JSON strings: \"text\": \"{{{{ ticket.subject }}}}\"";
        }
    }

    private string Render(string key, TemplateFormat format, IReadOnlyDictionary<string, object?> model, TemplateOptions options)
    {
        var template = _templates[key];
        var context = new TemplateContext(options);
        foreach (var (name, value) in model)
        {
            if (value is FluidValue fluid) context.SetValue(name, fluid);
            else context.SetValue(name, value);
        }
        var encoder = format switch
        {
            TemplateFormat.Html => TemplateEncoders.Html,
            TemplateFormat.Card => TemplateEncoders.AdaptiveCard,
            _ => TemplateEncoders.Text,
        };
        var text = template.Render(context, encoder);
        return format == TemplateFormat.Subject ? MessageText.OneLine(text) : text;
    }

    private static string KeyOf(CheckpointKind? kind, string language, TemplateFormat format) =>
        TemplateFormats.FileName(kind, language, format)[..^TemplateFormats.Extension.Length];

    private static bool IsKnownName(string key, out string language)
    {
        language = "";
        var parts = key.Split('.');
        if (parts.Length != 3 || parts[1].Length is < 2 or > 10 || !parts[1].All(c => char.IsAsciiLetterLower(c) || c == '-')) return false;
        language = parts[1];
        if (parts[0] == TemplateFormats.DigestName) return parts[2] == "json" || MessageParts.Any(f => f.ToString().Equals(parts[2], StringComparison.OrdinalIgnoreCase));
        return parts[0] == "card"
            ? parts[2] == "json"
            : Kinds.Any(k => k.ToName() == parts[0]) && MessageParts.Any(f => f.ToString().Equals(parts[2], StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Fluid reports "… at (line:column)"; that becomes the problem's path.</summary>
    private static string Position(string error)
    {
        var open = error.LastIndexOf('(');
        var close = error.LastIndexOf(')');
        if (open >= 0 && close > open)
        {
            var inside = error[(open + 1)..close].Split(':');
            if (inside.Length == 2 && int.TryParse(inside[0], NumberStyles.None, CultureInfo.InvariantCulture, out var line)
                && int.TryParse(inside[1], NumberStyles.None, CultureInfo.InvariantCulture, out var column))
            {
                return $"line {line}, column {column}";
            }
        }
        return "$";
    }

    /// <summary>
    /// <c>{{ ticket.link | card_url }}</c>: an http(s) URL for a card's <c>url</c> field, JSON-escaped but not
    /// Markdown-escaped (a URL is no Markdown); anything else becomes empty.
    /// </summary>
    private static ValueTask<FluidValue> CardUrl(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        Uri.TryCreate(input.ToStringValue(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? new StringValue(AdaptiveCardText.Json(uri.AbsoluteUri), encode: false)
            : StringValue.Empty;

    private static TemplateOptions CreateOptions(bool strict)
    {
        var options = new TemplateOptions
        {
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
            MaxSteps = 100_000,
            MaxRecursion = 16,
            StrictFilters = strict,
        };
        // "raw" would print a ticket value unencoded; the templates never need it, so it does not exist here.
        options.Filters.Remove("raw");
        options.Filters.AddFilter("card_url", CardUrl);
        return options;
    }
}
