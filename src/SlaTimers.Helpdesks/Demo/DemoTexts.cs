using System.Collections.Immutable;

namespace SlaTimers.Helpdesks.Demo;

/// <summary>
/// The demo's cast: the organization, groups and agents of the shipped <c>config/</c> (agreements
/// <c>gemeente-voorbeeld</c> and <c>ola-second-line</c>; agents by the e-mail addresses in <c>recipients.json</c>),
/// and Dutch and English subjects of the kind a municipal service desk sees.
/// </summary>
internal static class DemoTexts
{
    public const string Customer = "Gemeente Voorbeeld";
    public const string OtherCustomer = "Woningcorporatie Thuis";
    public const string Servicedesk = "Servicedesk";
    public const string SecondLine = "Second line";
    public const string MajorIncidentTag = "major-incident";
    public const string WaitingForSupplier = "Wacht op leverancier";

    public static ImmutableArray<string> Priorities { get; } = ["P1", "P2", "P3", "P4"];

    public static IReadOnlyList<string> AgentsOf(string group) => group == SecondLine
        ? ["e.smith@example.co.uk"]
        : ["j.devries@example.nl", "s.bakker@example.nl"];

    public static IReadOnlyList<string> Channels { get; } = ["email", "web", "phone", "chat"];

    public static IReadOnlyList<string> Requesters { get; } =
    [
        "Annelies Mulder", "Pieter de Graaf", "Fatima el Amrani", "Kees van Dijk", "Sophie Bakker",
        "Ruud Hendriks", "Noor Visser", "Daan Smit", "Ingrid Meijer", "Mohamed Yilmaz", "Lotte de Boer", "Tom Peters",
    ];

    public static IReadOnlyList<string> MajorIncidents { get; } =
    [
        "Storing: zaaksysteem onbereikbaar voor alle medewerkers",
        "Telefooncentrale gemeentehuis ligt eruit",
        "Major outage: citizens' portal returns errors for everyone",
        "Network down at the town hall and both district offices",
        "Storing: burgerzaken kan geen paspoorten uitgeven",
    ];

    public static IReadOnlyList<string> Subjects { get; } =
    [
        "Kan niet inloggen op het zaaksysteem",
        "Printer op de 2e verdieping print alleen lege pagina's",
        "VPN-verbinding valt steeds weg bij thuiswerken",
        "Outlook synchroniseert niet meer op mijn telefoon",
        "Nieuwe medewerker: account en laptop aanvragen",
        "Wachtwoord verlopen, reset lukt niet",
        "Website gemeente geeft foutmelding bij het aanvragen van een parkeervergunning",
        "Teams-vergadering heeft geen geluid in de raadszaal",
        "Verzoek: extra beeldscherm voor de balie",
        "Gedeelde schijf afdeling Vergunningen niet bereikbaar",
        "Scanner stuurt lege pdf's naar de mailbox",
        "Laptop start niet meer op na de update",
        "Cannot open the GIS viewer since this morning",
        "Payroll export fails with a timeout",
        "Request: access to the council minutes archive",
        "Certificate warning on the intranet",
        "Mail with large attachments does not arrive",
        "Badge reader at the side entrance rejects all cards",
    ];
}
