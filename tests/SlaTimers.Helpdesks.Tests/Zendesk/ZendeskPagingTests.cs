using System.Text;
using NodaTime;
using SlaTimers.Helpdesks.Tests.Support;
using SlaTimers.Testing.Zendesk;
using static SlaTimers.Testing.Zendesk.ZendeskJson;

namespace SlaTimers.Helpdesks.Tests.Zendesk;

public class ZendeskPagingTests : ZendeskTestBase
{
    [Fact]
    public async Task First_read_starts_at_the_configured_start_time_then_follows_the_after_cursor_until_end_of_stream()
    {
        Stub.On(ExportPath, request => request.Query["cursor"] == "after-1"
            ? StubResponse.Json(ExportPage([Ticket(2)], "after-2", endOfStream: true))
            : StubResponse.Json(ExportPage([Ticket(1)], "after-1", endOfStream: false)));
        CreatedOnly(1, 2);
        var source = await SourceAsync();

        var first = await source.ReadChangesAsync(null, Ct);
        var second = await source.ReadChangesAsync(first.NextCursor, Ct);

        Assert.Equal("1", Assert.Single(first.Tickets).ExternalId);
        Assert.False(first.EndOfStream);
        Assert.Equal("2", Assert.Single(second.Tickets).ExternalId);
        Assert.True(second.EndOfStream);
        Assert.NotEqual(first.NextCursor, second.NextCursor);

        var exports = Stub.RequestsTo(ExportPath);
        Assert.Equal(2, exports.Count);
        Assert.Equal(Instant.FromUtc(2026, 11, 1, 0, 0).ToUnixTimeSeconds().ToString(), exports[0]["start_time"]);
        Assert.Null(exports[0]["cursor"]);
        Assert.Equal("after-1", exports[1]["cursor"]);
        Assert.Null(exports[1]["start_time"]);
        Assert.Equal("100", exports[0]["per_page"]);
        Assert.Contains("metric_sets", exports[0]["include"]!.Split(','));
        Assert.Contains("groups", exports[0]["include"]!.Split(','));
        Assert.Contains("organizations", exports[0]["include"]!.Split(','));
    }

    [Fact]
    public async Task Without_a_start_time_the_first_read_goes_30_days_back_and_an_empty_page_keeps_that_position()
    {
        Stub.OnJson(ExportPath, ExportPage([], afterCursor: null, endOfStream: true));
        var source = await SourceAsync(("StartTime", null));

        var page = await source.ReadChangesAsync(null, Ct);
        var again = await source.ReadChangesAsync(page.NextCursor, Ct);

        var expectedStart = (HelpdeskHost.Now - Duration.FromDays(30) - Duration.FromMinutes(1)).ToUnixTimeSeconds().ToString();
        Assert.Empty(page.Tickets);
        Assert.True(page.EndOfStream);
        Assert.All(Stub.RequestsTo(ExportPath), r => Assert.Equal(expectedStart, r["start_time"]));
        Assert.Equal(page.NextCursor, again.NextCursor);
    }

    [Fact]
    public async Task A_start_time_in_the_last_minute_is_moved_before_it()
    {
        Stub.OnJson(ExportPath, ExportPage([], afterCursor: "after-1"));
        var source = await SourceAsync(("StartTime", "2026-11-25T09:00:00Z"));

        await source.ReadChangesAsync(null, Ct);

        var expected = (HelpdeskHost.Now - Duration.FromMinutes(1)).ToUnixTimeSeconds().ToString();
        Assert.Equal(expected, Assert.Single(Stub.RequestsTo(ExportPath))["start_time"]);
    }

    [Fact]
    public async Task Every_request_carries_basic_auth_of_email_slash_token()
    {
        Stub.OnJson(ExportPath, ExportPage([Ticket(1)]));
        CreatedOnly(1);
        var source = await SourceAsync();

        await source.ReadChangesAsync(null, Ct);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("agent@example.com/token:s3cr3t-token"));
        Assert.Equal(2, Stub.Requests.Count);
        Assert.All(Stub.Requests, r => Assert.Equal(expected, r.Authorization));
    }

    [Fact]
    public async Task A_ticket_listed_twice_on_a_page_is_mapped_once_from_its_last_copy()
    {
        Stub.OnJson(ExportPath, ExportPage([Ticket(1, t => t["subject"] = "old"), Ticket(1, t => t["subject"] = "new")]));
        CreatedOnly(1);
        var source = await SourceAsync();

        var page = await source.ReadChangesAsync(null, Ct);

        Assert.Equal("new", Assert.Single(page.Tickets).Subject);
        Assert.Single(Stub.RequestsTo(AuditsPath(1)));
    }

    [Fact]
    public async Task A_cursor_of_another_kind_is_refused_with_a_clear_message()
    {
        var source = await SourceAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => source.ReadChangesAsync("2026-11-25T09:00:00Z|x", Ct));

        Assert.Contains("'zd'", error.Message);
        Assert.Empty(Stub.Requests);
    }
}
