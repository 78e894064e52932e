using System.Text.Json;
using SlaTimers.Helpdesks.Zendesk;

namespace SlaTimers.Helpdesks.Tests.Zendesk;

/// <summary>
/// Audit values are read by <see cref="ZendeskValueConverter"/> instead of as <see cref="JsonElement"/>s; every
/// shape Zendesk writes must read exactly as the element-based readers (still used for exported tickets) read it.
/// </summary>
public class ZendeskValueTests
{
    public static TheoryData<string> Values =>
    [
        "\"open\"",
        "\"\"",
        "\"  spaced  \"",
        "\"caf\\u00e9 \\\"quoted\\\"\"",
        "98738",
        "-12",
        "12.50",
        "1e3",
        "\"98738\"",
        "\"98a\"",
        "true",
        "false",
        "null",
        "[]",
        "[\"vip\", \"enterprise\"]",
        "[\"vip\", null, 3, true, \"\"]",
        "[[\"nested\"], \"flat\"]",
        "\"vip enterprise  closed_by_merge\"",
        "{\"id\": 1, \"name\": [\"x\"]}",
        "[{\"a\": 1}, \"b\"]",
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public void An_audit_value_reads_as_the_element_readers_read_it(string json)
    {
        var evt = JsonSerializer.Deserialize(
            $$$"""{"id": 7, "type": "Change", "field_name": "tags", "value": {{{json}}}, "extra": {"value": [1, 2]}}""",
            ZendeskJsonContext.Default.ZendeskAuditEvent)!;
        var element = JsonDocument.Parse(json).RootElement;
        JsonElement? expected = element.ValueKind == JsonValueKind.Null ? null : element;

        Assert.Equal(ZendeskValues.Text(expected), ZendeskValues.Text(evt.Value));
        Assert.Equal(ZendeskValues.Id(expected), ZendeskValues.Id(evt.Value));
        Assert.Equal(ZendeskValues.Tags(expected), ZendeskValues.Tags(evt.Value));
        Assert.Equal("tags", ZendeskValues.Text(evt.FieldName));
        Assert.Equal(7, evt.Id);
    }

    [Fact]
    public void Values_of_every_kind_in_one_audit_page_keep_their_places()
    {
        var page = JsonSerializer.Deserialize(
            """
            {"audits": [{"id": 1, "created_at": "2026-11-20T08:00:00Z", "via": {"channel": "email", "source": {"from": {}}},
              "events": [
                {"id": 11, "type": "Create", "field_name": "group_id", "value": 98738},
                {"id": 12, "type": "Create", "field_name": "tags", "value": ["a", "b"]},
                {"id": 13, "type": "Comment", "body": "<b>hi</b>", "public": true, "author_id": 5, "attachments": [{"id": 1}]},
                {"id": 14, "type": "Change", "field_name": 360001, "value": null, "previous_value": {"x": 1}}
              ]}],
             "meta": {"has_more": false}}
            """,
            ZendeskJsonContext.Default.ZendeskAuditPage)!;

        var audit = Assert.Single(page.Audits!);
        Assert.Equal("email", ZendeskValues.Text(audit.Via!.Channel));
        Assert.Equal(98738, ZendeskValues.Id(audit.Events![0].Value));
        Assert.Equal(["a", "b"], ZendeskValues.Tags(audit.Events[1].Value));
        Assert.True(audit.Events[2].Public);
        Assert.Equal(5, audit.Events[2].AuthorId);
        Assert.Equal("360001", ZendeskValues.Text(audit.Events[3].FieldName));
        Assert.Null(audit.Events[3].Value);
        Assert.False(page.Meta!.HasMore);
    }

    [Fact]
    public void A_value_cut_off_mid_array_is_a_json_error()
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(
            """{"id": 1, "value": ["a", """, ZendeskJsonContext.Default.ZendeskAuditEvent));
    }
}
