using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Configuration.Calendars;
using SlaTimers.Configuration.Json;
using SlaTimers.Core.Agreements;

namespace SlaTimers.Configuration.Agreements;

/// <summary>What one agreement file gave: its id (for the duplicate check across files) and, when clean, the agreement.</summary>
internal sealed record AgreementFileResult(ConfigFile File, string? Id, Agreement? Agreement);

/// <summary>
/// Reads one <c>agreements/*.json</c> file, one agreement per file, reporting every problem in it. A file with
/// any problem yields no agreement, so a half-read agreement never runs clocks.
/// </summary>
internal static class AgreementFileReader
{
    private static readonly string[] PropertyNames =
        ["id", "name", "kind", "organizations", "group", "contract", "complianceTarget", "serviceCredit", "priorities", "policies"];

    private static readonly (string Name, AgreementKind Kind)[] Kinds = [("external", AgreementKind.External), ("internal", AgreementKind.Internal)];

    private const string ExpectedAgreement =
        "one agreement per file, like { \"id\": \"gemeente-voorbeeld\", \"kind\": \"external\", \"priorities\": [\"P1\", \"P2\"], \"policies\": [ … ] }";

    public static AgreementFileResult Read(ConfigFile file, AgreementReferences references)
    {
        var problemsBefore = file.ProblemCount;
        using var document = JsonFileReader.Read(file);
        if (document is null) return new AgreementFileResult(file, null, null);
        var agreement = JsonCursor.Root(document.RootElement, file).ReadObject(ExpectedAgreement, PropertyNames);
        if (agreement is null) return new AgreementFileResult(file, null, null);

        var id = ReadId(agreement);
        var name = agreement.OptionalString("name", "a display name like \"Gemeente Voorbeeld — SLA 2026\"");
        var kind = ReadKind(agreement.Required("kind", "\"external\" (an SLA with customers) or \"internal\" (an OLA between teams)"));

        var organizations = OnlyFor(AgreementKind.External, kind, agreement, "organizations", "the organizations the SLA covers")
            ?.ReadStrings("a list of organization names like [\"Gemeente Voorbeeld\"] ([] covers every organization)", "an organization name") ?? [];
        var group = ReadGroup(agreement, kind);
        var contract = OnlyFor(AgreementKind.External, kind, agreement, "contract", "the contract period") is { } c ? ReadContract(c) : (null, null);
        var compliance = agreement.Optional("complianceTarget") is { } target
            ? PercentText.Read(target, "the compliance target (the share of clocks that must be met)", "95%")
            : 95m;
        var credit = OnlyFor(AgreementKind.External, kind, agreement, "serviceCredit", "what the customer is credited") is { } sc
            ? ServiceCreditReader.Read(sc)
            : null;
        var priorities = ReadPriorities(agreement);
        var policies = agreement.Required("policies", PolicyReader.ExpectedList) is { } p ? PolicyReader.Read(p, priorities, references) : null;

        if (file.ProblemCount > problemsBefore || id is null || kind is null || compliance is null || policies is null)
        {
            return new AgreementFileResult(file, id, null);
        }
        return new AgreementFileResult(file, id, new Agreement
        {
            Id = id,
            Name = string.IsNullOrWhiteSpace(name) ? id : name.Trim(),
            Kind = kind.Value,
            Organizations = [.. organizations.Select(o => o.Text)],
            Group = group,
            ContractStart = contract.Start,
            ContractEnd = contract.End,
            CompliancePercent = compliance.Value,
            Credit = credit,
            Policies = policies.Value,
        });
    }

    private static string? ReadId(JsonObjectCursor agreement)
    {
        var cursor = agreement.Required("id", "an agreement id like \"gemeente-voorbeeld\" (reports and notifications name the agreement by it)");
        var id = cursor?.ReadString("an agreement id like \"gemeente-voorbeeld\"");
        return id is null ? null : ConfigIds.Check(cursor!.Value, id, "agreement id", "gemeente-voorbeeld");
    }

    private static AgreementKind? ReadKind(JsonCursor? cursor)
    {
        var text = cursor?.ReadString("\"external\" or \"internal\"");
        if (text is null) return null;
        var match = Kinds.FirstOrDefault(k => string.Equals(k.Name, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match.Name is not null) return match.Kind;
        cursor!.Value.Report($"unknown kind '{text}'{NameSuggestions.DidYouMean(text.Trim(), Kinds.Select(k => k.Name))}: expected " +
                             "\"external\" (an SLA with customers: organizations, contract, service credits) or \"internal\" (an OLA that binds one group)");
        return null;
    }

    /// <summary>
    /// The property when the agreement is of this kind (or its kind is unknown); otherwise null after reporting
    /// it, because the clocks ignore it there and the admin would believe it counts.
    /// </summary>
    private static JsonCursor? OnlyFor(AgreementKind allowed, AgreementKind? kind, JsonObjectCursor agreement, string name, string meaning)
    {
        if (agreement.Optional(name) is not { } cursor) return null;
        if (kind is null || kind == allowed) return cursor;
        var (allowedName, otherName) = allowed == AgreementKind.External ? ("external", "internal") : ("internal", "external");
        cursor.Report($"'{name}' ({meaning}) is for {allowedName} agreements; this one is {otherName}, where it would be ignored: remove it, " +
                      $"or set \"kind\": \"{allowedName}\"");
        return null;
    }

    private static string? ReadGroup(JsonObjectCursor agreement, AgreementKind? kind)
    {
        const string expected = "the helpdesk group the OLA binds, e.g. \"Second line\" (its clocks run while the ticket is assigned to it)";
        var cursor = kind == AgreementKind.Internal
            ? agreement.Required("group", $"{expected}; an internal agreement needs one")
            : OnlyFor(AgreementKind.Internal, kind, agreement, "group", "the group an OLA binds");
        var group = cursor?.ReadString(expected);
        if (group is null || !string.IsNullOrWhiteSpace(group)) return group?.Trim();
        cursor!.Value.Report($"the group is empty: expected {expected}");
        return null;
    }

    private static (LocalDate? Start, LocalDate? End) ReadContract(JsonCursor contract)
    {
        var fields = contract.ReadObject("the contract period like { \"start\": \"2026-01-01\", \"end\": \"2027-12-31\" } (end is optional)", ["start", "end"]);
        if (fields is null) return (null, null);
        var start = ReadDate(fields.Required("start", "the first day of the contract, e.g. \"2026-01-01\""));
        var endCursor = fields.Optional("end");
        var end = ReadDate(endCursor);
        if (start is { } s && end is { } e && e < s)
        {
            endCursor!.Value.Report($"the contract ends ({e:uuuu-MM-dd}) before it starts ({s:uuuu-MM-dd}): expected an end on or after the start");
            return (start, null);
        }
        return (start, end);
    }

    private static LocalDate? ReadDate(JsonCursor? cursor)
    {
        var text = cursor?.ReadString("a date in yyyy-MM-dd, e.g. \"2026-01-01\"");
        if (text is null) return null;
        if (DateText.TryParseDate(text, out var date, out var error)) return date;
        cursor!.Value.Report(error);
        return null;
    }

    private static AgreementPriorities ReadPriorities(JsonObjectCursor agreement)
    {
        var cursor = agreement.Required("priorities", "the priority names tickets of this agreement can have, e.g. [\"P1\", \"P2\", \"P3\", \"P4\"]");
        var problemsBefore = agreement.Self.File.ProblemCount;
        var names = cursor?.ReadStrings("a list of priority names like [\"P1\", \"P2\", \"P3\", \"P4\"]", "a priority name like \"P1\"");
        if (names is null) return AgreementPriorities.Unknown;
        if (names.Count == 0 && agreement.Self.File.ProblemCount == problemsBefore)
        {
            cursor!.Value.Report("the agreement has no priorities: list the priority names its tickets can have, e.g. [\"P1\", \"P2\", \"P3\", \"P4\"]");
            return AgreementPriorities.Unknown;
        }
        return AgreementPriorities.Of(names.Select(n => n.Text));
    }
}
