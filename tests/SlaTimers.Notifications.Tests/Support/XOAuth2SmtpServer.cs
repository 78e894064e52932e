using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace SlaTimers.Notifications.Tests.Support;

/// <summary>
/// A small SMTP server on 127.0.0.1 that accepts only SASL XOAUTH2 with one bearer token, the way Exchange Online
/// does (the SmtpServer package knows PLAIN and LOGIN only). It speaks just what MailKit sends: EHLO, AUTH XOAUTH2,
/// MAIL, RCPT, DATA, NOOP, RSET, QUIT.
/// </summary>
internal sealed class XOAuth2SmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly string _token;

    public XOAuth2SmtpServer(string acceptedToken)
    {
        _token = acceptedToken;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The XOAUTH2 users that authenticated, and the messages received.</summary>
    public ConcurrentQueue<string> AuthenticatedUsers { get; } = new();

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    public ConcurrentQueue<string> RejectedTokens { get; } = new();

    private readonly ConcurrentDictionary<TcpClient, bool> _clients = new();
    private int _sessions;

    /// <summary>Connections accepted so far.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>Closes every open connection, as a server does with idle clients.</summary>
    public void DropConnections()
    {
        foreach (var client in _clients.Keys) client.Close();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref _sessions);
            _clients[client] = true;
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var forget = new Forget(() => _clients.TryRemove(client, out var _));
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost XOAUTH2 test server");
            var authenticated = false;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteAsync("250-localhost\r\n250-AUTH XOAUTH2\r\n250 8BITMIME\r\n");
                        break;
                    case "AUTH":
                        var parts = line.Split(' ');
                        var decoded = parts.Length == 3 ? Encoding.UTF8.GetString(Convert.FromBase64String(parts[2])) : "";
                        // user=<mailbox>^Aauth=Bearer <token>^A^A
                        var fields = decoded.Split('\u0001', StringSplitOptions.RemoveEmptyEntries);
                        var user = fields.FirstOrDefault(f => f.StartsWith("user=", StringComparison.Ordinal))?[5..];
                        var bearer = fields.FirstOrDefault(f => f.StartsWith("auth=Bearer ", StringComparison.Ordinal))?[12..];
                        if (parts.Length == 3 && parts[1] == "XOAUTH2" && bearer == _token && user is not null)
                        {
                            authenticated = true;
                            AuthenticatedUsers.Enqueue(user);
                            await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                        }
                        else
                        {
                            RejectedTokens.Enqueue(bearer ?? "");
                            await writer.WriteLineAsync("334 eyJzdGF0dXMiOiI0MDEifQ==");
                            await reader.ReadLineAsync(_stop.Token);
                            await writer.WriteLineAsync("535 5.7.3 Authentication unsuccessful");
                        }
                        break;
                    case "MAIL" or "RCPT":
                        await writer.WriteLineAsync(authenticated ? "250 2.1.0 OK" : "530 5.7.57 Client not authenticated");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 Start mail input");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }
                        Received.Enqueue(MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(data.ToString()))));
                        await writer.WriteLineAsync("250 2.0.0 OK queued");
                        break;
                    case "NOOP" or "RSET":
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private sealed class Forget(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
