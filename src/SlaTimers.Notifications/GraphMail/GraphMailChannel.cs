using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.SendMail;
using MimeKit;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.Graph;
using SlaTimers.Notifications.Messages;

namespace SlaTimers.Notifications.GraphMail;

/// <summary>
/// Sends mail through Microsoft Graph <c>POST users/{mailbox}/sendMail</c>, app-only (application permission
/// <c>Mail.Send</c>). 202 is delivery to Exchange; 429 (with its Retry-After) and 5xx are transient, other 4xx
/// permanent. See <see cref="GraphMailFormat"/> for what each format carries.
/// </summary>
public sealed class GraphMailChannel : INotificationChannel
{
    public const string ChannelName = "graph-mail";

    private readonly GraphMailOptions _options;
    private readonly GraphConnection _graph;

    public GraphMailChannel(IOptions<GraphMailOptions> options, IHttpClientFactory httpClients, TimeProvider time)
    {
        _options = options.Value;
        var http = httpClients.CreateClient(NotificationsHostingExtensions.GraphHttpClient);
        http.Timeout = _options.Timeout;
        _graph = new GraphConnection(ChannelName, http, _options, TimeSpan.FromMinutes(5), time);
    }

    public string Name => ChannelName;

    public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (!MailboxAddress.TryParse(message.RecipientAddress, out _) || !message.RecipientAddress.Contains('@'))
        {
            throw new PermanentDeliveryException($"{ChannelName}: '{message.RecipientAddress}' is not an e-mail address");
        }
        return _options.Format == GraphMailFormat.Mime ? SendMimeAsync(message, cancellationToken) : SendJsonAsync(message, cancellationToken);
    }

    private Task SendJsonAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var body = new SendMailPostRequestBody
        {
            Message = new Message
            {
                Subject = message.Subject,
                Body = new ItemBody { ContentType = BodyType.Html, Content = message.HtmlBody },
                ToRecipients = [new Recipient { EmailAddress = new EmailAddress { Address = message.RecipientAddress, Name = message.RecipientName } }],
                InternetMessageId = $"<{message.MessageId}>",
                // Graph takes custom x- headers only: In-Reply-To and References cannot be set in this format.
                InternetMessageHeaders =
                [
                    new InternetMessageHeader { Name = "x-slatimers-key", Value = message.NotificationKey },
                    new InternetMessageHeader { Name = "x-slatimers-thread", Value = $"<{message.ThreadId}>" },
                ],
            },
            SaveToSentItems = _options.SaveToSentItems,
        };
        return _graph.CallAsync((client, ct) => client.Users[_options.Mailbox].SendMail.PostAsync(body, cancellationToken: ct), cancellationToken);
    }

    private async Task SendMimeAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var from = MailboxAddress.Parse(_options.Mailbox);
        if (!string.IsNullOrEmpty(_options.DisplayName)) from.Name = _options.DisplayName;
        using var buffer = new MemoryStream();
        await MimeMessages.Build(message, from).WriteToAsync(buffer, cancellationToken);

        var token = await _graph.Tokens.GetTokenAsync(_graph.TokenValidity, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_graph.BaseUrl}/users/{Uri.EscapeDataString(_options.Mailbox)}/sendMail")
        {
            Content = new StringContent(Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length), Encoding.ASCII, "text/plain"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        HttpResponseMessage response;
        try
        {
            response = await _graph.Http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new TransientDeliveryException($"{ChannelName}: Graph could not be reached: {e.Message}", null, e);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode) return;
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            throw _graph.Failure((int)response.StatusCode, HttpDeliveryFailures.RetryAfter(response, _graph.Time.GetUtcNow()),
                MessageText.Shorten(MessageText.OneLine(detail), 300), null);
        }
    }
}
