using System.CommandLine;
using System.CommandLine.Parsing;
using NodaTime;
using SlaTimers.Core.Text;
using SlaTimers.Worker.Cli.Formatting;

namespace SlaTimers.Worker.Cli;

/// <summary>
/// The options several commands share, and the parsers that turn bad input into an error naming the option
/// and what it expects (reported before any command runs, with exit code 2).
/// </summary>
public static class CliOptions
{
    /// <summary><c>--config DIR</c>, accepted by every command (before or after the command name).</summary>
    public static Option<string?> Config() => new("--config")
    {
        Description = "The config folder (calendars/*.json). Default: config/ of the repository around the "
            + "current folder, else config/ beside the executable.",
        HelpName = "DIR",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object instead of text." };

    public static Option<string?> Calendar(string description) => new("--calendar")
    {
        Description = description,
        HelpName = "ID",
    };

    public static Option<Instant?> Instant(string name, string description) => new(name)
    {
        Description = $"{description} ({InstantText.Expected}).",
        HelpName = "INSTANT",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
            if (InstantText.TryParse(text, out var instant)) return instant;
            result.AddError($"{OptionName(result)}: '{text}' is not an instant: expected {InstantText.Expected}.");
            return null;
        },
    };

    public static Option<Duration?> Duration(string name, string description) => new(name)
    {
        Description = $"{description} ({DurationText.Expected}).",
        HelpName = "DURATION",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
            if (DurationText.TryParse(text, out var duration)) return duration;
            result.AddError($"{OptionName(result)}: '{text}' is not a duration: expected {DurationText.Expected}.");
            return null;
        },
    };

    /// <summary>
    /// Makes <paramref name="option"/> required (unless <paramref name="unless"/> holds), with an error that
    /// says what to give. Used instead of <c>Required</c>, whose message names the option but not its form.
    /// </summary>
    public static void Require(this Command command, Option option, string expected, Func<CommandResult, bool>? unless = null)
    {
        command.Validators.Add(result =>
        {
            if (unless?.Invoke(result) == true || result.GetResult(option) is not null) return;
            result.AddError($"{option.Name} is required: {expected}.");
        });
    }

    private static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
