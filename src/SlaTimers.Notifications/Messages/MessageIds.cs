using System.Security.Cryptography;
using System.Text;

namespace SlaTimers.Notifications.Messages;

/// <summary>Message ids derived from ledger keys: the same notification always has the same id.</summary>
public static class MessageIds
{
    public const string Domain = "slatimers.local";

    /// <summary>The RFC 5322 message id of a notification (without angle brackets).</summary>
    public static string ForNotification(string notificationKey) => $"{Hash(notificationKey)}@{Domain}";

    /// <summary>The id every notice of one clock refers to, so mail clients thread them together.</summary>
    public static string ForThread(string ticketKey, string clockKey) => $"clock-{Hash(ticketKey + "/" + clockKey)}@{Domain}";

    /// <summary>The id the digests of one recipient refer to, so they thread together (and apart from single notices).</summary>
    public static string ForDigestThread(string recipientAddress) => $"digest-{Hash(recipientAddress.ToLowerInvariant())}@{Domain}";

    /// <summary>A file-name-safe stable name for a notification.</summary>
    public static string FileName(string notificationKey) => Hash(notificationKey);

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
