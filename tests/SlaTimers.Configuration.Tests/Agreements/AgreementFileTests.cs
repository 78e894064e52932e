using NodaTime;
using SlaTimers.Core.Agreements;

namespace SlaTimers.Configuration.Tests.Agreements;

/// <summary>The agreement file as a whole: id, kind, organizations, group, contract, compliance target, priorities.</summary>
public class AgreementFileTests
{
    private const string File = AgreementJson.File;

    private static ConfigLoadResult Load(string json)
    {
        using var folder = new TempConfigFolder().Agreement(AgreementJson.FileName, json);
        return folder.Load();
    }

    private static Agreement LoadAgreement(string json) => Assert.Single(Load(json).GetOrThrow().Agreements);

    [Fact]
    public void Valid_external_agreement_maps_its_top_level_properties()
    {
        var agreement = LoadAgreement(AgreementJson.Make(top: """
            "organizations": ["Gemeente Voorbeeld", "Provincie"],
            "contract": { "start": "2026-01-01", "end": "2027-12-31" },
            "complianceTarget": "97.5%",
            """));

        Assert.Equal("test", agreement.Id);
        Assert.Equal("Test agreement", agreement.Name);
        Assert.Equal(AgreementKind.External, agreement.Kind);
        Assert.Equal<string>(["Gemeente Voorbeeld", "Provincie"], agreement.Organizations);
        Assert.Null(agreement.Group);
        Assert.Equal(new LocalDate(2026, 1, 1), agreement.ContractStart);
        Assert.Equal(new LocalDate(2027, 12, 31), agreement.ContractEnd);
        Assert.Equal(97.5m, agreement.CompliancePercent);
        Assert.Null(agreement.Credit);
        Assert.Equal("standard", Assert.Single(agreement.Policies).Id);
    }

    [Fact]
    public void Missing_organizations_contract_and_compliance_target_mean_everyone_always_and_95_percent()
    {
        var agreement = LoadAgreement(AgreementJson.Make());

        Assert.Empty(agreement.Organizations);
        Assert.Null(agreement.ContractStart);
        Assert.Null(agreement.ContractEnd);
        Assert.Equal(95m, agreement.CompliancePercent);
    }

    [Fact]
    public void Contract_without_end_is_open_ended()
    {
        var agreement = LoadAgreement(AgreementJson.Make(top: """ "contract": { "start": "2026-01-01" }, """));

        Assert.Equal(new LocalDate(2026, 1, 1), agreement.ContractStart);
        Assert.Null(agreement.ContractEnd);
    }

    [Fact]
    public void Internal_agreement_binds_its_group()
    {
        var agreement = LoadAgreement(AgreementJson.Make(kind: "internal", top: """ "group": "Second line", """));

        Assert.Equal(AgreementKind.Internal, agreement.Kind);
        Assert.Equal("Second line", agreement.Group);
    }

    [Fact]
    public void Name_defaults_to_the_id()
    {
        var agreement = LoadAgreement("""
            { "id": "sla", "kind": "external", "priorities": ["P1"],
              "policies": [{ "id": "all", "when": {}, "targets": { "resolution": { "calendar": "24x7", "budget": { "P1": "4h" } } } }] }
            """);

        Assert.Equal("sla", agreement.Name);
        Assert.Equal("all", agreement.Policies[0].Name);
    }

    [Fact]
    public void Missing_agreements_folder_gives_no_agreements()
    {
        using var folder = new TempConfigFolder();

        var configuration = folder.Load().GetOrThrow();

        Assert.Empty(configuration.Agreements);
        Assert.Empty(configuration.Rules.Agreements);
        Assert.Same(configuration.Calendars, configuration.Rules.Calendars);
    }

    [Theory]
    [InlineData("\"0%\"", "0% is outside (0, 100]")]
    [InlineData("\"101%\"", "101% is outside (0, 100]")]
    [InlineData("0", "0% is outside (0, 100]")]
    [InlineData("101", "101% is outside (0, 100]")]
    [InlineData("-5", "-5% is outside (0, 100]")]
    public void Compliance_target_outside_0_to_100_percent_is_refused(string value, string message)
    {
        var result = Load(AgreementJson.Make(top: $""" "complianceTarget": {value}, """));

        ProblemAssert.Single(result, File, "$.complianceTarget", message, "the compliance target", "\"95%\"");
    }

    [Theory]
    [InlineData("100", 100)]
    [InlineData("\"100%\"", 100)]
    [InlineData("99.9", 99.9)]
    [InlineData("\"0.5 %\"", 0.5)]
    public void Compliance_target_may_be_a_number_or_a_percentage_up_to_100(string value, double expected)
    {
        var agreement = LoadAgreement(AgreementJson.Make(top: $""" "complianceTarget": {value}, """));

        Assert.Equal((decimal)expected, agreement.CompliancePercent);
    }

    [Fact]
    public void Compliance_target_in_words_is_not_a_percentage()
    {
        var result = Load(AgreementJson.Make(top: """ "complianceTarget": "95 percent", """));

        ProblemAssert.Single(result, File, "$.complianceTarget", "'95 percent' is not a percentage", "\"95%\" or the number 95");
    }

    [Fact]
    public void Unknown_kind_suggests_the_right_one()
    {
        var result = Load(AgreementJson.Make(kind: "externel"));

        ProblemAssert.Single(result, File, "$.kind", "unknown kind 'externel' (did you mean 'external'?)", "\"internal\"");
    }

    [Fact]
    public void Missing_kind_is_reported()
    {
        var result = Load("""{ "id": "x", "priorities": ["P1"], "policies": [] }""");

        Assert.Contains(result.Problems, p => p.JsonPath == "$.kind" && p.Message.StartsWith("'kind' is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Internal_agreement_without_group_is_refused()
    {
        var result = Load(AgreementJson.Make(kind: "internal"));

        ProblemAssert.Single(result, File, "$.group", "'group' is missing", "an internal agreement needs one", "\"Second line\"");
    }

    [Fact]
    public void Internal_agreement_with_an_empty_group_is_refused()
    {
        var result = Load(AgreementJson.Make(kind: "internal", top: """ "group": " ", """));

        ProblemAssert.Single(result, File, "$.group", "the group is empty");
    }

    [Fact]
    public void External_agreement_with_a_group_is_refused_because_the_group_would_be_ignored()
    {
        var result = Load(AgreementJson.Make(top: """ "group": "Second line", """));

        ProblemAssert.Single(result, File, "$.group", "'group'", "is for internal agreements", "this one is external", "\"kind\": \"internal\"");
    }

    [Theory]
    [InlineData("organizations", """["Gemeente Voorbeeld"]""")]
    [InlineData("contract", """{ "start": "2026-01-01" }""")]
    [InlineData("serviceCredit", """{ "perBreach": 50, "cap": 1000 }""")]
    public void Internal_agreement_with_external_only_properties_is_refused(string property, string value)
    {
        var result = Load(AgreementJson.Make(kind: "internal", top: $""" "group": "Second line", "{property}": {value}, """));

        ProblemAssert.Single(result, File, $"$.{property}", $"'{property}'", "is for external agreements", "this one is internal");
    }

    [Fact]
    public void Contract_ending_before_it_starts_is_refused()
    {
        var result = Load(AgreementJson.Make(top: """ "contract": { "start": "2026-01-01", "end": "2025-12-31" }, """));

        ProblemAssert.Single(result, File, "$.contract.end", "the contract ends (2025-12-31) before it starts (2026-01-01)");
    }

    [Fact]
    public void Contract_with_an_impossible_date_says_why()
    {
        var result = Load(AgreementJson.Make(top: """ "contract": { "start": "2026-02-30" }, """));

        ProblemAssert.Single(result, File, "$.contract.start", "'2026-02-30' is not a date", "February 2026 has 28 days");
    }

    [Fact]
    public void Contract_without_start_is_refused()
    {
        var result = Load(AgreementJson.Make(top: """ "contract": { "end": "2026-12-31" }, """));

        ProblemAssert.Single(result, File, "$.contract.start", "'start' is missing");
    }

    [Fact]
    public void Id_with_spaces_is_refused()
    {
        var result = Load(AgreementJson.Make(id: "gemeente voorbeeld"));

        ProblemAssert.Single(result, File, "$.id", "'gemeente voorbeeld' is not a valid agreement id", "letters, digits");
    }

    [Fact]
    public void Duplicate_agreement_ids_across_files_name_both_files()
    {
        using var folder = new TempConfigFolder()
            .Agreement("a.json", AgreementJson.Make(id: "sla"))
            .Agreement("b.json", AgreementJson.Make(id: "SLA"));

        var result = folder.Load();

        ProblemAssert.Single(result, "agreements/b.json", "$.id",
            "the agreement id 'SLA' is already used (as 'sla') by agreements/a.json", "agreements/b.json", "its own id");
    }

    [Fact]
    public void Empty_priorities_are_refused()
    {
        var result = Load(AgreementJson.Make(priorities: "[]"));

        ProblemAssert.Single(result, File, "$.priorities", "the agreement has no priorities", "[\"P1\", \"P2\", \"P3\", \"P4\"]");
    }

    [Fact]
    public void Priority_listed_twice_is_refused()
    {
        var result = Load(AgreementJson.Make(priorities: """["P1", "P2", "p1"]"""));

        ProblemAssert.Single(result, File, "$.priorities[2]", "'p1' is listed twice (also at $.priorities[0])");
    }

    [Fact]
    public void Unknown_property_suggests_the_right_name()
    {
        var result = Load(AgreementJson.Make(top: """ "complianceTraget": "95%", """));

        ProblemAssert.Single(result, File, "$.complianceTraget", "unknown property 'complianceTraget' (did you mean 'complianceTarget'?)");
    }

    [Fact]
    public void File_with_a_list_of_agreements_is_refused_because_each_file_holds_one()
    {
        var result = Load($"[{AgreementJson.Make()}]");

        ProblemAssert.Single(result, File, "$", "expected one agreement per file", "found an array");
    }
}
