using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace SlaTimers.Notifications.Templates;

/// <summary>
/// Makes a value safe inside an Adaptive Card, in three layers: Markdown (a TextBlock renders a subset, so
/// <c>**</c>, <c>[link](…)</c>, a leading <c>- </c> would format) is backslash-escaped; Adaptive Card template
/// expressions (<c>${…}</c>, evaluated when a card is templated) get a zero-width space between <c>$</c> and
/// <c>{</c>, which renders the same and binds nothing; line breaks become spaces. <see cref="Json"/> then makes it
/// a JSON string body. What a reader sees is the literal text.
/// </summary>
public static class AdaptiveCardText
{
    /// <summary>Markdown punctuation that can format in a TextBlock or fact (CommonMark allows escaping any of them).</summary>
    private const string MarkdownPunctuation = "\\`*_[]()#>!<~|&";

    private static readonly JavaScriptEncoder JsonEncoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static string Neutralise(string value)
    {
        if (string.IsNullOrEmpty(value)) return value;
        var text = new StringBuilder(value.Length + 16);
        var atStart = true;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '\r' or '\n' or '\u2028' or '\u2029')
            {
                if (text.Length > 0 && text[^1] != ' ') text.Append(' ');
                if (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n') i++;
                continue;
            }
            if (MarkdownPunctuation.Contains(c, StringComparison.Ordinal))
            {
                text.Append('\\').Append(c);
            }
            else if (atStart && c is '-' or '+' or '=')
            {
                // A list item or a setext heading underline when it starts a line.
                text.Append('\\').Append(c);
            }
            else if (c == '.' && atStart is false && IsLeadingNumber(text))
            {
                // "1. " at the start would make an ordered list.
                text.Append('\\').Append(c);
            }
            else
            {
                text.Append(c);
            }
            if (c == '$' && i + 1 < value.Length && value[i + 1] == '{') text.Append('\u200B');
            atStart = atStart && char.IsWhiteSpace(c);
        }
        return text.ToString();
    }

    /// <summary>The body of a JSON string (no quotes): quotes, backslashes, control and HTML-sensitive characters escaped.</summary>
    public static string Json(string value) => JsonEncoder.Encode(value);

    private static bool IsLeadingNumber(StringBuilder text)
    {
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start])) start++;
        if (start == text.Length) return false;
        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i])) return false;
        }
        return true;
    }
}
