using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace SlaTimers.Helpdesks.Zendesk;

/// <summary>
/// Names behind Zendesk ids, kept for the life of the process (one per helpdesk): policies match group and
/// organization <em>names</em>. Every export page sideloads the groups, organizations, users and custom statuses
/// its tickets refer to now (no extra request); ids that only older audits mention — the group a ticket was
/// first in — are looked up once: <c>/api/v2/groups.json</c> (all groups, a short list) and
/// <c>/api/v2/organizations/show_many.json</c> (just the missing ones). An id Zendesk no longer knows (a deleted
/// group) stays its number.
/// </summary>
internal sealed class ZendeskDirectory(string helpdesk, ILogger logger)
{
    private const int OrganizationsPerRequest = 100;
    private const int MaxGroupPages = 50;

    private readonly ConcurrentDictionary<long, string> _groups = new();
    private readonly ConcurrentDictionary<long, string> _organizations = new();
    private readonly ConcurrentDictionary<long, ZendeskUser> _users = new();
    private readonly ConcurrentDictionary<long, ZendeskCustomStatus> _customStatuses = new();
    private readonly ConcurrentDictionary<long, bool> _unknownGroups = new();
    private readonly ConcurrentDictionary<long, bool> _unknownOrganizations = new();

    public void Learn(ZendeskTicketExportPage page)
    {
        foreach (var group in page.Groups ?? []) Learn(_groups, _unknownGroups, group);
        foreach (var organization in page.Organizations ?? []) Learn(_organizations, _unknownOrganizations, organization);
        Learn(page.Users);
        foreach (var status in page.CustomStatuses ?? []) _customStatuses[status.Id] = status;
    }

    public void Learn(IEnumerable<ZendeskUser>? users)
    {
        foreach (var user in users ?? []) _users[user.Id] = user;
    }

    public string? GroupName(long? id) => Name(_groups, id);

    public string? OrganizationName(long? id) => Name(_organizations, id);

    public ZendeskUser? User(long id) => _users.GetValueOrDefault(id);

    public ZendeskCustomStatus? CustomStatus(long? id) => id is { } value ? _customStatuses.GetValueOrDefault(value) : null;

    /// <summary>
    /// Looks up the names of ids not seen yet (each id at most once per process). Usually every id is known
    /// already; then nothing is requested and nothing allocated (the lookups, with their closures, are methods of
    /// their own for that).
    /// </summary>
    public async Task ResolveAsync(IZendeskApi api, IClock clock, HashSet<long> groupIds, HashSet<long> organizationIds, CancellationToken cancellationToken)
    {
        if (Unresolved(groupIds, _groups, _unknownGroups) is { } groups) await LookUpGroupsAsync(api, clock, groups, cancellationToken);
        if (Unresolved(organizationIds, _organizations, _unknownOrganizations) is { } organizations)
        {
            await LookUpOrganizationsAsync(api, clock, organizations, cancellationToken);
        }
    }

    /// <summary>All groups (a short list, so also the ones no ticket mentions yet).</summary>
    private async Task LookUpGroupsAsync(IZendeskApi api, IClock clock, List<long> wanted, CancellationToken cancellationToken)
    {
        string? after = null;
        for (var page = 0; page < MaxGroupPages; page++)
        {
            var response = await ZendeskResponses.ReadAsync(helpdesk, "group list", () => api.GetGroupsAsync(100, after, cancellationToken), clock);
            foreach (var group in response.Groups ?? []) Learn(_groups, _unknownGroups, group);
            after = response.Meta is { HasMore: true, AfterCursor: { } next } ? next : null;
            if (after is null) break;
        }
        Forget(wanted, _groups, _unknownGroups, "group");
    }

    /// <summary>Just the wanted organizations, a hundred a request.</summary>
    private async Task LookUpOrganizationsAsync(IZendeskApi api, IClock clock, List<long> wanted, CancellationToken cancellationToken)
    {
        foreach (var chunk in wanted.Chunk(OrganizationsPerRequest))
        {
            var ids = string.Join(',', chunk.Select(id => id.ToString(CultureInfo.InvariantCulture)));
            var response = await ZendeskResponses.ReadAsync(helpdesk, "organization lookup", () => api.GetOrganizationsAsync(ids, cancellationToken), clock);
            foreach (var organization in response.Organizations ?? []) Learn(_organizations, _unknownOrganizations, organization);
        }
        Forget(wanted, _organizations, _unknownOrganizations, "organization");
    }

    /// <summary>The ids neither named nor known to be unknown, in their order; null when there are none.</summary>
    private static List<long>? Unresolved(HashSet<long> ids, ConcurrentDictionary<long, string> names, ConcurrentDictionary<long, bool> unknown)
    {
        List<long>? result = null;
        foreach (var id in ids)
        {
            if (!names.ContainsKey(id) && !unknown.ContainsKey(id)) (result ??= []).Add(id);
        }
        return result;
    }

    private void Forget(List<long> wanted, ConcurrentDictionary<long, string> names, ConcurrentDictionary<long, bool> unknown, string kind)
    {
        foreach (var id in wanted)
        {
            if (!names.ContainsKey(id) && unknown.TryAdd(id, true))
            {
                logger.LogWarning("Helpdesk {Helpdesk}: Zendesk does not know {Kind} {Id} (deleted?); tickets show its id, which no policy name matches", helpdesk, kind, id);
            }
        }
    }

    private static void Learn(ConcurrentDictionary<long, string> names, ConcurrentDictionary<long, bool> unknown, ZendeskNamed item)
    {
        if (string.IsNullOrWhiteSpace(item.Name)) return;
        names[item.Id] = item.Name;
        unknown.TryRemove(item.Id, out _);
    }

    private static string? Name(ConcurrentDictionary<long, string> names, long? id) =>
        id is { } value ? names.GetValueOrDefault(value) ?? value.ToString(CultureInfo.InvariantCulture) : null;
}
