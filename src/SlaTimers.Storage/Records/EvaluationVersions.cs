using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Storage.Records;

/// <summary>
/// Which evaluations may be saved: those of tickets still at the version they were read at. A ticket whose version
/// moved on was written since (a sync page, another evaluation) — its evaluation describes an older state and is
/// skipped. A ticket that is not stored at all is a caller's mistake, not a race: nothing is written then.
/// </summary>
internal static class EvaluationVersions
{
    /// <param name="records">The evaluations to save, one per ticket.</param>
    /// <param name="stored">The stored version of each of their tickets that exists, read under the write lock.</param>
    /// <returns>The records to save and the keys of the stale ones, both in the order given.</returns>
    /// <exception cref="InvalidOperationException">A ticket is not stored.</exception>
    public static (List<TicketRecord> Current, List<TicketKey> Stale) Split(IReadOnlyList<TicketRecord> records, IReadOnlyDictionary<TicketKey, long> stored)
    {
        var missing = records.Select(r => r.Key).Where(k => !stored.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Cannot save the evaluation of {missing.Count} ticket(s) that are not stored: {string.Join(", ", missing.Take(10))}.");
        }
        var current = new List<TicketRecord>(records.Count);
        var stale = new List<TicketKey>();
        foreach (var record in records)
        {
            if (stored[record.Key] == record.Version) current.Add(record);
            else stale.Add(record.Key);
        }
        return (current, stale);
    }
}
