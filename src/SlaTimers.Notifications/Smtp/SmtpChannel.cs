using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.Identity;
using SlaTimers.Notifications.Messages;

namespace SlaTimers.Notifications.Smtp;

/// <summary>
/// Sends mail over ONE reused SMTP connection (MailKit's client is not thread-safe, so a semaphore takes turns):
/// connected, secured and authenticated once, checked with NOOP after idling, re-opened when the server dropped it
/// or an OAuth2 token is about to expire. 4xx replies and connection failures are transient (the job retries the
/// same message, same Message-Id); 5xx replies are <see cref="PermanentDeliveryException"/>. A required STARTTLS
/// that the server does not offer is refused, never downgraded.
/// </summary>
public sealed partial class SmtpChannel : INotificationChannel, IAsyncDisposable
{
    public const string ChannelName = "smtp";

    /// <summary>An OAuth2 connection is re-opened this long before its token expires.</summary>
    private static readonly TimeSpan TokenMargin = TimeSpan.FromMinutes(2);

    private readonly SmtpOptions _options;
    private readonly MailboxAddress _from;
    private readonly ClientCredentialsTokenSource? _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger<SmtpChannel> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SmtpClient? _client;
    private DateTimeOffset _lastUsed;
    private DateTimeOffset _reconnectBy = DateTimeOffset.MaxValue;
    private int _connectionsOpened;
    private int _disposed;

    public SmtpChannel(IOptions<SmtpOptions> options, IHttpClientFactory httpClients, TimeProvider time, ILogger<SmtpChannel> logger)
    {
        _options = options.Value;
        _from = MailboxAddress.Parse(_options.From);
        _time = time;
        _logger = logger;
        if (_options.Authentication == SmtpAuthentication.OAuth2)
        {
            _tokens = new ClientCredentialsTokenSource(httpClients.CreateClient(NotificationsHostingExtensions.EntraHttpClient),
                new ClientCredentials(new Uri(_options.AuthorityHost), _options.TenantId!, _options.ClientId!, _options.ClientSecret!, _options.Scope), time);
        }
    }

    public string Name => ChannelName;

    /// <summary>Connections opened so far (one, while the server keeps it).</summary>
    public int ConnectionsOpened => Volatile.Read(ref _connectionsOpened);

    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (!MailboxAddress.TryParse(message.RecipientAddress, out _) || !message.RecipientAddress.Contains('@'))
        {
            throw new PermanentDeliveryException($"smtp: '{message.RecipientAddress}' is not an e-mail address");
        }
        var mime = MimeMessages.Build(message, _from);

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var reused = await EnsureConnectedAsync(cancellationToken);
            try
            {
                await _client!.SendAsync(mime, cancellationToken);
            }
            catch (Exception e) when (reused && IsBrokenConnection(e, cancellationToken))
            {
                // The server closed the connection while it idled: once more on a fresh one.
                LogReconnecting(_options.Host, e.GetType().Name);
                await DropAsync();
                await EnsureConnectedAsync(cancellationToken);
                await _client!.SendAsync(mime, cancellationToken);
            }
            _lastUsed = _time.GetUtcNow();
        }
        catch (SmtpCommandException e)
        {
            var status = (int)e.StatusCode;
            if (status == 421 || !(_client?.IsConnected ?? false)) await DropAsync();
            var what = $"smtp {_options.Host}: {status} {e.Message.Trim()}{(e.Mailbox is { } mailbox ? $" ({mailbox.Address})" : "")}";
            if (status is >= 500 and < 600) throw new PermanentDeliveryException(what, e);
            throw new TransientDeliveryException(what, null, e);
        }
        catch (Exception e) when (e is not (PermanentDeliveryException or TransientDeliveryException) && IsBrokenConnection(e, cancellationToken))
        {
            await DropAsync();
            throw new TransientDeliveryException($"smtp {_options.Host}:{_options.EffectivePort}: {Describe(e)}", null, e);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <returns>True when an open connection was reused, false when one was opened now.</returns>
    private async Task<bool> EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_client is { IsConnected: true, IsAuthenticated: var authenticated } client
            && (authenticated || _options.Authentication == SmtpAuthentication.None) && now < _reconnectBy)
        {
            if (now - _lastUsed < _options.IdleCheckAfter) return true;
            try
            {
                await client.NoOpAsync(cancellationToken);
                return true;
            }
            catch (Exception e) when (IsBrokenConnection(e, cancellationToken) || e is SmtpCommandException)
            {
                LogReconnecting(_options.Host, e.GetType().Name);
            }
        }
        await DropAsync();

        var fresh = new SmtpClient
        {
            Timeout = (int)_options.Timeout.TotalMilliseconds,
            CheckCertificateRevocation = _options.CheckCertificateRevocation,
            ServerCertificateValidationCallback = ValidateCertificate,
        };
        try
        {
            var security = _options.Security switch
            {
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            };
            await fresh.ConnectAsync(await OpenSocketAsync(cancellationToken), _options.Host, _options.EffectivePort, security, cancellationToken);
            Interlocked.Increment(ref _connectionsOpened);
            _reconnectBy = DateTimeOffset.MaxValue;
            switch (_options.Authentication)
            {
                case SmtpAuthentication.Password:
                    await fresh.AuthenticateAsync(_options.Username!, _options.Password!, cancellationToken);
                    break;
                case SmtpAuthentication.OAuth2:
                    var token = await _tokens!.GetTokenAsync(TokenMargin + TimeSpan.FromMinutes(1), cancellationToken);
                    await fresh.AuthenticateAsync(new SaslMechanismOAuth2(_options.OAuthUser ?? _from.Address, token.Value), cancellationToken);
                    _reconnectBy = token.ExpiresOn - TokenMargin;
                    break;
            }
            LogConnected(_options.Host, _options.EffectivePort, _options.Security, _options.Authentication);
        }
        catch (Exception e)
        {
            await DisconnectQuietlyAsync(fresh);
            if (e is AuthenticationException)
            {
                _tokens?.Invalidate();
                var who = _options.Authentication == SmtpAuthentication.OAuth2 ? $"app {_options.ClientId} as {_options.OAuthUser ?? _from.Address}" : $"user {_options.Username}";
                throw new TransientDeliveryException($"smtp {_options.Host}: authentication of {who} failed: {e.Message}", null, e);
            }
            if (e is NotSupportedException && _options.Security == SmtpSecurity.StartTls)
            {
                throw new TransientDeliveryException(
                    $"smtp {_options.Host}:{_options.EffectivePort} does not offer STARTTLS and Security is StartTls: refused to send in plaintext ({e.Message})", null, e);
            }
            if (e is NotSupportedException && _options.Authentication != SmtpAuthentication.None)
            {
                throw new TransientDeliveryException($"smtp {_options.Host}: the server offers no authentication, but credentials are configured ({e.Message})", null, e);
            }
            throw;
        }
        _client = fresh;
        _lastUsed = _time.GetUtcNow();
        return false;
    }

    /// <summary>
    /// A TCP connection with Nagle's algorithm off: SMTP is a dialogue of small writes (the final "." of DATA), and
    /// Nagle plus the server's delayed ACK would hold each message back tens of milliseconds.
    /// </summary>
    private async Task<Socket> OpenSocketAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            await socket.ConnectAsync(_options.Host, _options.EffectivePort, timeout.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (certificate is null || _options.AcceptSelfSignedCertificateThumbprint is not { Length: > 0 } pinned) return false;
        var expected = SmtpOptions.NormalizedThumbprint(pinned);
        var actual = expected.Length == 64
            ? Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()))
            : Convert.ToHexString(SHA1.HashData(certificate.GetRawCertData()));
        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(actual));
    }

    private static bool IsBrokenConnection(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or SslHandshakeException or TimeoutException => true,
        _ => false,
    };

    private static string Describe(Exception e) => e is SslHandshakeException
        ? "the TLS handshake failed (an untrusted or mismatching server certificate? AcceptSelfSignedCertificateThumbprint pins a self-signed one)"
        : $"{e.GetType().Name}: {e.Message}";

    private async Task DropAsync()
    {
        var client = _client;
        _client = null;
        if (client is not null) await DisconnectQuietlyAsync(client);
    }

    private static async Task DisconnectQuietlyAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(quit: true, timeout.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or SmtpCommandException or OperationCanceledException or ServiceNotConnectedException)
        {
            // Already gone; nothing to tidy.
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>Says QUIT and closes the connection (host shutdown). Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _gate.WaitAsync();
        try
        {
            await DropAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMTP connected to {Host}:{Port} ({Security}, authentication {Authentication}).")]
    private partial void LogConnected(string host, int port, SmtpSecurity security, SmtpAuthentication authentication);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMTP connection to {Host} was closed ({Reason}); reconnecting.")]
    private partial void LogReconnecting(string host, string reason);
}
