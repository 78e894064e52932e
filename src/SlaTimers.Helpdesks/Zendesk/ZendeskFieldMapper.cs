using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Helpdesks.Zendesk;

/// <summary>
/// Zendesk's field values in the common model's terms: group and organization names (policies match names),
/// priorities through <see cref="ZendeskOptions.PriorityMap"/>, statuses through <see cref="ZendeskOptions.StatusMap"/>,
/// assignees as <c>zendesk:{user id}</c> (the form <c>recipients.json</c> lists under <c>helpdeskIds</c>), custom
/// fields as <c>custom.{name}</c> with names from <see cref="ZendeskOptions.CustomFields"/>.
/// </summary>
internal sealed class ZendeskFieldMapper(string helpdesk, ZendeskOptions options, ZendeskDirectory directory)
{
    public const string AssigneePrefix = "zendesk:";

    public string? Priority(string? zendeskPriority) =>
        zendeskPriority is null ? null : options.PriorityMap.GetValueOrDefault(zendeskPriority) ?? zendeskPriority;

    public string? Group(long? id) => directory.GroupName(id);

    public string? Organization(long? id) => directory.OrganizationName(id);

    public static string? Assignee(long? id) => id is { } value ? AssigneePrefix + value.ToString(CultureInfo.InvariantCulture) : null;

    public string CustomFieldName(string fieldId) => TicketFieldNames.CustomPrefix + CustomFieldKey(fieldId);

    /// <summary>A custom field's name without the <c>custom.</c> prefix: its configured name, or its id.</summary>
    private string CustomFieldKey(string fieldId) => options.CustomFields.GetValueOrDefault(fieldId) ?? fieldId;

    /// <summary>
    /// The category and name of a status: a custom status's agent label is looked up first, then the built-in
    /// status (which is also the custom status's category). Null, with the reason, when neither is mapped.
    /// </summary>
    public (StatusCategory Category, string Name)? Status(string status, long? customStatusId, out string? problem)
    {
        problem = null;
        var label = directory.CustomStatus(customStatusId)?.AgentLabel;
        if (label is not null && options.TryMapStatus(label, out var byLabel)) return (byLabel, label);
        if (options.TryMapStatus(status, out var byStatus)) return (byStatus, label ?? status);
        var custom = label is null ? "" : $" (custom status '{label}')";
        problem = $"status '{status}'{custom} is not in {HelpdeskOptions.PathOf(helpdesk, nameof(ZendeskOptions.StatusMap))}: " +
                  $"map it to one of {StatusCategories.AllConfigNames}";
        return null;
    }

    /// <summary>
    /// An audit's field as a common field and value; null for fields that matter to no policy (subject,
    /// description…) and for status fields, which the timeline builder handles itself.
    /// </summary>
    public (string Field, string? Value)? AuditField(string fieldName, ZendeskValue? value) => fieldName switch
    {
        "priority" => (TicketFieldNames.Priority, Priority(ZendeskValues.Text(value))),
        "type" => (TicketFieldNames.Type, ZendeskValues.Text(value)),
        "group_id" => (TicketFieldNames.Group, Group(ZendeskValues.Id(value))),
        "organization_id" => (TicketFieldNames.Organization, Organization(ZendeskValues.Id(value))),
        "assignee_id" => (TicketFieldNames.Assignee, Assignee(ZendeskValues.Id(value))),
        "tags" => (TicketFieldNames.Tags, string.Join(",", ZendeskValues.Tags(value))),
        _ when IsCustomFieldId(fieldName) => (CustomFieldName(fieldName), ZendeskValues.Text(value)),
        _ => null,
    };

    /// <summary>The ticket's current fields, as the export shows them.</summary>
    public TicketFields Current(ZendeskTicketData ticket, StatusCategory status, string statusName) => new()
    {
        Priority = Priority(ticket.Priority),
        Type = ticket.Type,
        Group = Group(ticket.GroupId),
        Organization = Organization(ticket.OrganizationId),
        Assignee = Assignee(ticket.AssigneeId),
        Channel = ticket.Channel,
        Tags = ticket.Tags.ToImmutableHashSet(StringComparer.OrdinalIgnoreCase),
        Custom = CurrentCustomFields(ticket),
        Status = status,
        StatusName = statusName,
    };

    /// <summary>A custom field's audit <c>field_name</c> is its numeric id.</summary>
    private static bool IsCustomFieldId(string fieldName) =>
        fieldName.Length > 0 && !fieldName.AsSpan().ContainsAnyExceptInRange('0', '9');

    /// <summary>The ticket's custom fields that have a value, by name (a later field of the same name wins).</summary>
    private ImmutableDictionary<string, string> CurrentCustomFields(ZendeskTicketData ticket)
    {
        // A builder: setting the fields one by one on the immutable dictionary would rebuild it for each.
        var custom = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (fieldId, value) in ticket.CustomFields)
        {
            if (value is not null) custom[CustomFieldKey(fieldId)] = value;
        }
        return custom.ToImmutable();
    }

    /// <summary>Is the author of a public comment the customer? The requester, or a user Zendesk calls an end-user.</summary>
    public bool IsCustomer(long? authorId, ZendeskTicketData ticket) =>
        authorId is { } id && (id == ticket.RequesterId || directory.User(id)?.Role == "end-user");

    public string? Requester(ZendeskTicketData ticket)
    {
        if (ticket.RequesterId is not { } id) return null;
        var user = directory.User(id);
        return user?.Name ?? user?.Email ?? AssigneePrefix + id.ToString(CultureInfo.InvariantCulture);
    }
}
