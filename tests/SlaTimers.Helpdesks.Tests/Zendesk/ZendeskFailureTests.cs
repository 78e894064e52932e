using System.Diagnostics;
using NodaTime;
using SlaTimers.Core.Sync;
using SlaTimers.Testing.Zendesk;
using static SlaTimers.Testing.Zendesk.ZendeskJson;

namespace SlaTimers.Helpdesks.Tests.Zendesk;

/// <summary>Rate limits, server errors, refused credentials and malformed pages, against a real socket.</summary>
public class ZendeskFailureTests : ZendeskTestBase
{
    [Fact]
    public async Task A_short_retry_after_is_waited_out_and_the_read_succeeds()
    {
        Stub.On(ExportPath, StubResponse.RateLimited(1), StubResponse.Json(ExportPage([Ticket(1)])));
        CreatedOnly(1);
        var source = await SourceAsync();

        var watch = Stopwatch.StartNew();
        var page = await source.ReadChangesAsync(null, Ct);

        Assert.Equal("1", Assert.Single(page.Tickets).ExternalId);
        Assert.Equal(2, Stub.RequestsTo(ExportPath).Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {watch.Elapsed}, before Retry-After");
    }

    [Fact]
    public async Task A_long_retry_after_throws_rate_limited_at_once_so_the_job_can_reschedule()
    {
        Stub.On(ExportPath, StubResponse.RateLimited(120), StubResponse.Json(ExportPage([])));
        var source = await SourceAsync();

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<HelpdeskRateLimitedException>(() => source.ReadChangesAsync(null, Ct));

        Assert.Equal(Duration.FromSeconds(120), error.RetryAfter);
        Assert.Contains("'zd'", error.Message);
        Assert.Single(Stub.RequestsTo(ExportPath));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_long_retry_after_on_an_audit_request_fails_the_whole_page()
    {
        Stub.OnJson(ExportPath, ExportPage([Ticket(1)]));
        Stub.On(AuditsPath(1), StubResponse.RateLimited(300));
        var source = await SourceAsync();

        var error = await Assert.ThrowsAsync<HelpdeskRateLimitedException>(() => source.ReadChangesAsync(null, Ct));

        Assert.Equal(Duration.FromMinutes(5), error.RetryAfter);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_then_the_read_succeeds()
    {
        Stub.On(ExportPath, new StubResponse(500), new StubResponse(502), StubResponse.Json(ExportPage([Ticket(1)])));
        CreatedOnly(1);
        var source = await SourceAsync();

        var page = await source.ReadChangesAsync(null, Ct);

        Assert.Single(page.Tickets);
        Assert.Equal(3, Stub.RequestsTo(ExportPath).Count);
    }

    [Fact]
    public async Task Server_errors_that_outlast_the_retries_fail_the_read_naming_the_helpdesk_and_url()
    {
        Stub.On(ExportPath, new StubResponse(503));
        var source = await SourceAsync(("MaxRetries", "2"));

        var error = await Assert.ThrowsAsync<HelpdeskResponseException>(() => source.ReadChangesAsync(null, Ct));

        Assert.Equal(3, Stub.RequestsTo(ExportPath).Count);
        Assert.Contains("'zd'", error.Message);
        Assert.Contains("503", error.Message);
        Assert.Contains(ExportPath, error.Url);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task Refused_credentials_throw_an_authentication_error_after_exactly_one_request(int status)
    {
        Stub.On(ExportPath, new StubResponse(status, """{"error":"Couldn't authenticate you"}"""));
        var source = await SourceAsync();

        var error = await Assert.ThrowsAsync<HelpdeskAuthenticationException>(() => source.ReadChangesAsync(null, Ct));

        Assert.Single(Stub.Requests);
        Assert.Contains("'zd'", error.Message);
        Assert.Contains(status.ToString(), error.Message);
        Assert.DoesNotContain("s3cr3t-token", error.Message);
    }

    [Fact]
    public async Task A_page_that_is_not_json_throws_naming_the_helpdesk_and_url_and_reads_no_tickets()
    {
        Stub.On(ExportPath, new StubResponse(200, """{"tickets":[{"id":1,"status":"open" """));
        CreatedOnly(1);
        var source = await SourceAsync();

        var error = await Assert.ThrowsAsync<HelpdeskResponseException>(() => source.ReadChangesAsync(null, Ct));

        Assert.Contains("'zd'", error.Message);
        Assert.Contains("not the documented JSON", error.Message);
        Assert.Contains(ExportPath, error.Message);
        Assert.Single(Stub.Requests);
    }

    [Fact]
    public async Task A_page_without_tickets_or_end_of_stream_throws()
    {
        Stub.OnJson(ExportPath, """{"after_cursor":"x","end_of_stream":true}""");
        var source = await SourceAsync();

        var error = await Assert.ThrowsAsync<HelpdeskResponseException>(() => source.ReadChangesAsync(null, Ct));

        Assert.Contains("'tickets'", error.Message);
    }
}
