using System.Text;

namespace SlaTimers.Notifications.Messages;

/// <summary>Small text rules shared by the composers and channels.</summary>
public static class MessageText
{
    /// <summary>
    /// Line breaks, control characters and runs of white space become one space: for subjects and other header
    /// values, where a CR/LF from a ticket field could otherwise start a new header.
    /// </summary>
    public static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ') builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString().Trim();
    }

    /// <summary>At most <paramref name="length"/> characters, ending in "…" when cut.</summary>
    public static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
