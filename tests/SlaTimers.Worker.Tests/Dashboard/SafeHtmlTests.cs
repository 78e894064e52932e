using SlaTimers.Worker.Dashboard;

namespace SlaTimers.Worker.Tests.Dashboard;

public sealed class SafeHtmlTests
{
    [Fact]
    public void TextAndAttributes_AreEncoded()
    {
        var html = new SafeHtml().Element("td", "<script>alert('x')</script> & \"q\"", "a\"b", title: "<t>").ToString();

        Assert.Equal("<td class=\"a&quot;b\" title=\"&lt;t&gt;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</td>", html);
    }

    [Theory]
    [InlineData("https://helpdesk.example.com/tickets/1?a=1&b=2", "https://helpdesk.example.com/tickets/1?a=1&b=2")]
    [InlineData("http://zd.example.com/agent/tickets/4821", "http://zd.example.com/agent/tickets/4821")]
    [InlineData("  HTTPS://Example.com/x  ", "https://example.com/x")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("JavaScript:alert(1)", null)]
    [InlineData("data:text/html,<script>alert(1)</script>", null)]
    [InlineData("vbscript:msgbox", null)]
    [InlineData("//evil.example.com/x", null)]
    [InlineData("/relative/path", null)]
    [InlineData("ftp://files.example.com/x", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void OnlyAbsoluteHttpAndHttpsLinks_AreLinks(string? link, string? expected)
    {
        Assert.Equal(expected, SafeHtml.SafeHttpUrl(link));
    }

    [Fact]
    public void ATicketLink_ThatIsNotHttp_IsTextOnly()
    {
        Assert.Equal("ZD-1", new SafeHtml().ExternalLink("javascript:alert(1)", "ZD-1").ToString());
        Assert.Equal("<a href=\"https://x.example/t?a=1&amp;b=%222%22\" target=\"_blank\" rel=\"noopener noreferrer\">ZD-&lt;1&gt;</a>",
            new SafeHtml().ExternalLink("https://x.example/t?a=1&b=\"2\"", "ZD-<1>").ToString());
    }
}
