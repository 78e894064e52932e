using System.Text.RegularExpressions;
using SlaTimers.Configuration.Json;
using SlaTimers.Core.Recipients;

namespace SlaTimers.Configuration.Recipients;

/// <summary>
/// Reads one entry of <c>channels</c>: <c>"servicedesk-channel": { "type": "teams-webhook",
/// "target": "env:SLATIMERS_TEAMS_WEBHOOK_SERVICEDESK", "language": "nl" }</c>. A target <c>env:NAME</c> is read
/// from the environment when a message is sent; it is not resolved here, so a secret never has to be in a file.
/// </summary>
internal static partial class ChannelReader
{
    private static readonly string[] PropertyNames = ["type", "target", "language"];

    private const string TeamsWebhook = "teams-webhook", Smtp = "smtp", GraphMail = "graph-mail";

    private static readonly string[] Types = [TeamsWebhook, Smtp, GraphMail, "teams", "pickup"];

    private const string EnvironmentPrefix = "env:";

    private const string Expected =
        "a channel like { \"type\": \"teams-webhook\", \"target\": \"env:SLATIMERS_TEAMS_WEBHOOK\", \"language\": \"nl\" }";

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();

    public static NotificationChannel? Read(string id, JsonCursor entry)
    {
        var problemsBefore = entry.File.ProblemCount;
        var fields = entry.ReadObject(Expected, PropertyNames);
        if (fields is null) return null;

        var type = ReadType(fields.Required("type", $"the channel type, one of {string.Join(", ", Types)}"));
        var target = fields.Required("target", "where to post, e.g. \"env:SLATIMERS_TEAMS_WEBHOOK\" (read from the environment when sending)") is { } t
            ? ReadTarget(t, type)
            : null;
        var language = Languages.Read(fields.Optional("language"));

        if (entry.File.ProblemCount > problemsBefore || type is null || target is null || language is null) return null;
        return new NotificationChannel(id, type, target, language);
    }

    private static string? ReadType(JsonCursor? cursor)
    {
        var text = cursor?.ReadString($"a channel type, one of {string.Join(", ", Types)}");
        if (text is null) return null;
        var type = text.Trim().ToLowerInvariant();
        if (Types.Contains(type, StringComparer.Ordinal)) return type;
        cursor!.Value.Report($"unknown channel type '{text}'{NameSuggestions.DidYouMean(type, Types)}: expected one of {string.Join(", ", Types)}");
        return null;
    }

    private static string? ReadTarget(JsonCursor cursor, string? type)
    {
        var target = cursor.ReadString("where to post, e.g. \"env:SLATIMERS_TEAMS_WEBHOOK\"")?.Trim();
        if (target is null) return null;
        if (target.Length == 0)
        {
            cursor.Report("the target is empty: expected where to post, e.g. \"env:SLATIMERS_TEAMS_WEBHOOK\" (read from the environment when sending)");
            return null;
        }

        if (target.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var variable = target[EnvironmentPrefix.Length..];
            if (VariableName().IsMatch(variable)) return EnvironmentPrefix + variable;
            cursor.Report($"'{variable}' is not an environment variable name: expected letters, digits and '_', not starting with a digit, " +
                          "e.g. \"env:SLATIMERS_TEAMS_WEBHOOK\"");
            return null;
        }
        // A Workflows webhook URL carries its own signature: whoever reads the file can post to the channel.
        if (type == TeamsWebhook)
        {
            cursor.Report("a Teams webhook URL is a secret (anyone who has it can post to the channel), so it does not belong in this file: " +
                          "put it in an environment variable and write its name, e.g. \"env:SLATIMERS_TEAMS_WEBHOOK\"");
            return null;
        }
        if (type is Smtp or GraphMail && !RecipientDirectory.LooksLikeEmail(target))
        {
            cursor.Report($"'{target}' is not an e-mail address: a {type} channel sends to an address like \"servicedesk@example.nl\" (or \"env:NAME\")");
            return null;
        }
        return target;
    }
}
