using Refit;

namespace SlaTimers.Helpdesks.Zendesk;

/// <summary>
/// The Zendesk Support endpoints the connector reads. Every call returns <see cref="IApiResponse{T}"/>, so status
/// codes and <c>Retry-After</c> are read (<see cref="ZendeskResponses"/>) instead of thrown.
/// </summary>
internal interface IZendeskApi
{
    /// <summary>Incremental cursor export: <paramref name="startTime"/> on the first call, then <paramref name="cursor"/>.</summary>
    [Get("/api/v2/incremental/tickets/cursor.json")]
    Task<IApiResponse<ZendeskTicketExportPage>> ExportTicketsAsync(
        [AliasAs("start_time")] long? startTime,
        [AliasAs("cursor")] string? cursor,
        [AliasAs("per_page")] int perPage,
        [AliasAs("include")] string include,
        CancellationToken cancellationToken);

    [Get("/api/v2/tickets/{ticketId}/audits.json")]
    Task<IApiResponse<ZendeskAuditPage>> GetAuditsAsync(
        long ticketId,
        [AliasAs("page[size]")] int pageSize,
        [AliasAs("page[after]")] string? after,
        [AliasAs("include")] string include,
        CancellationToken cancellationToken);

    [Get("/api/v2/groups.json")]
    Task<IApiResponse<ZendeskGroupPage>> GetGroupsAsync(
        [AliasAs("page[size]")] int pageSize,
        [AliasAs("page[after]")] string? after,
        CancellationToken cancellationToken);

    /// <param name="ids">Comma-separated, at most 100.</param>
    [Get("/api/v2/organizations/show_many.json")]
    Task<IApiResponse<ZendeskOrganizationList>> GetOrganizationsAsync([AliasAs("ids")] string ids, CancellationToken cancellationToken);
}
