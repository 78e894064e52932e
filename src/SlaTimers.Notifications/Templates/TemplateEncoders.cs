using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;

namespace SlaTimers.Notifications.Templates;

/// <summary>
/// The encoder each template format renders its values through. Fluid runs every <c>{{ value }}</c> through the
/// encoder of the render (the text of the template itself is written as is), so escaping follows the format.
/// </summary>
internal static class TemplateEncoders
{
    /// <summary>HTML: &lt; &gt; &amp; " ' encoded; other characters (é, ·) stay readable.</summary>
    public static readonly TextEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Plain text and subjects: values as they are (a subject is made one line after rendering).</summary>
    public static readonly TextEncoder Text = NullEncoder.Default;

    /// <summary>Adaptive Card JSON: values neutralised for Markdown and card templating, then JSON-string-escaped.</summary>
    public static readonly TextEncoder AdaptiveCard = new AdaptiveCardEncoder();
}

/// <summary>See <see cref="AdaptiveCardText"/>. Values are expected inside JSON strings of the card template.</summary>
internal sealed class AdaptiveCardEncoder : TextEncoder
{
    public override string Encode(string value) => AdaptiveCardText.Json(AdaptiveCardText.Neutralise(value));

    public override void Encode(TextWriter output, string value, int startIndex, int characterCount) =>
        output.Write(Encode(value.Substring(startIndex, characterCount)));

    public override void Encode(TextWriter output, char[] value, int startIndex, int characterCount) =>
        output.Write(Encode(new string(value, startIndex, characterCount)));

    // The scalar-level API below is used only by callers that bypass the string overloads; it encodes each
    // character that is special in any layer on its own (context rules such as a leading "-" need the string).
    public override int MaxOutputCharactersPerInputCharacter => 12;

    public override bool WillEncode(int unicodeScalar) => unicodeScalar < 0x20 || unicodeScalar > 0x7E
        || "\\`*_[]()#>!<~|&\"'+$".Contains((char)unicodeScalar, StringComparison.Ordinal);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            if (WillEncode(text[i])) return i;
        }
        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var encoded = Encode(char.ConvertFromUtf32(unicodeScalar));
        if (encoded.Length > bufferLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }
        for (var i = 0; i < encoded.Length; i++) buffer[i] = encoded[i];
        numberOfCharactersWritten = encoded.Length;
        return true;
    }
}
