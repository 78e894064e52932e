namespace SlaTimers.Worker.Recipients;

/// <summary>The recipient part of a notification key: a prefix says what the rest is.</summary>
public static class RecipientIds
{
    public const string PersonPrefix = "person:";
    public const string ChannelPrefix = "channel:";
    public const string EmailPrefix = "email:";
    public const string UnresolvedPrefix = "unresolved:";

    public static string Person(string id) => PersonPrefix + id;

    public static string Channel(string id) => ChannelPrefix + id;

    public static string Email(string address) => EmailPrefix + address;

    public static string Unresolved(string what) => UnresolvedPrefix + what;
}
