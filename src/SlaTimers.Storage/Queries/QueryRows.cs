using System.Reflection;
using Dapper;
using NodaTime;
using SlaTimers.Storage.Records;

namespace SlaTimers.Storage.Queries;

// The rows the dashboard queries read beside the shared ones (ClockRow, NotificationRow, SyncStateRow), split
// off by Dapper's multi-mapping: the shared rows' column maps refuse columns they do not know.

/// <summary>What people know a ticket by, read next to one of its clocks or notifications.</summary>
internal sealed class TicketHeadRow
{
    public string? DisplayId { get; set; }
    public string? Subject { get; set; }
    public string? Link { get; set; }
}

/// <summary>A failed notification's failure instant and its ticket's head (null columns when the ticket is gone).</summary>
internal sealed class FailureRow
{
    public Instant? FailedAt { get; set; }
    public string? DisplayId { get; set; }
    public string? Subject { get; set; }
    public string? Link { get; set; }
}

internal sealed class QuarantineRow
{
    public long Id { get; set; }
    public string Source { get; set; } = "";
    public string? ExternalId { get; set; }
    public string Reason { get; set; } = "";
    public Instant At { get; set; }
}

/// <summary>Snake_case column maps for the rows above, once per process, beside <see cref="DapperMapping"/>'s.</summary>
internal static class QueryMapping
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    public static void Register()
    {
        DapperMapping.Register();
        lock (Gate)
        {
            if (_registered) return;
            foreach (var rowType in new[] { typeof(TicketHeadRow), typeof(FailureRow), typeof(QuarantineRow) })
            {
                SqlMapper.SetTypeMap(rowType, new CustomPropertyTypeMap(rowType, PropertyOf));
            }
            _registered = true;
        }
    }

    private static PropertyInfo PropertyOf(Type type, string column) =>
        type.GetProperty(column.Replace("_", ""), BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
        ?? throw new InvalidOperationException($"{type.Name} has no property for column '{column}'.");
}
