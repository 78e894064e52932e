using Dapper;
using SlaTimers.Core.Notifications;

namespace SlaTimers.Storage.Sql;

/// <summary>
/// "A notification of the digest's kind" in SQL, on either engine: its checkpoint key and recipient start with the
/// digest's prefixes, ignoring (ASCII) case — <see cref="DigestHold.Holds"/>, as a condition on the ledger's rows.
/// </summary>
internal static class DigestSql
{
    /// <summary>The condition (parameters: <see cref="AddParameters"/>); null without a digest.</summary>
    public static string? Condition(DigestHold? digest) => digest is null
        ? null
        : $"(lower(substr(checkpoint_key, 1, @checkpointLength)) = @checkpointPrefix AND ({string.Join(" OR ",
            digest.RecipientPrefixes.Select((_, i) => $"lower(substr(recipient, 1, @recipientLength{i})) = @recipientPrefix{i}"))}))";

    public static void AddParameters(DynamicParameters parameters, DigestHold digest)
    {
        parameters.Add("checkpointPrefix", digest.CheckpointPrefix.ToLowerInvariant());
        parameters.Add("checkpointLength", digest.CheckpointPrefix.Length);
        for (var i = 0; i < digest.RecipientPrefixes.Count; i++)
        {
            parameters.Add($"recipientPrefix{i}", digest.RecipientPrefixes[i].ToLowerInvariant());
            parameters.Add($"recipientLength{i}", digest.RecipientPrefixes[i].Length);
        }
    }
}
