using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SlaTimers.Testing.Smtp;

/// <summary>A message the server accepted, and when.</summary>
public sealed record ReceivedMessage(DateTime At, MimeMessage Message);

/// <summary>
/// A real SMTP server (the SmtpServer package) in this process on 127.0.0.1 and a free port. It keeps what it
/// accepts (unless told to only count), counts sessions (connections), offers STARTTLS when given a certificate and
/// AUTH when given a password check. <see cref="Reply"/> answers chosen messages' DATA with another reply (451, 554,
/// …); <see cref="Hold"/> keeps the reply to the next DATA back until <see cref="Release"/> — the client's send is
/// then in flight, as in a crash between a send and its record.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly bool _keep;
    private int _sessions;
    private int _accepted;
    private TaskCompletionSource? _held;
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SmtpTestServer(X509Certificate2? certificate, Func<string, string, bool>? authenticate, bool keep)
    {
        _keep = keep;
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new NoDelayEndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, 0));
                if (certificate is not null) endpoint.Certificate(certificate);
                if (authenticate is not null) endpoint.AuthenticationRequired(true).AllowUnsecureAuthentication(certificate is null);
            })
            .Build();
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        if (authenticate is not null)
        {
            services.Add(new DelegatingUserAuthenticator((user, password) => authenticate(user, password)));
        }
        _server = new SmtpServer.SmtpServer(options, services);
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _running = _server.StartAsync(_stop.Token);
        Port = started.Task.WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
    }

    /// <param name="keep">False: accept and count only, for load (no parsing, nothing kept).</param>
    public static SmtpTestServer Start(X509Certificate2? certificate = null, Func<string, string, bool>? authenticate = null, bool keep = true) =>
        new(certificate, authenticate, keep);

    public int Port { get; }

    /// <summary>Connections the server has accepted.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>Messages answered 250.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>The accepted messages with the instant of their acceptance (when keeping them).</summary>
    public ConcurrentQueue<ReceivedMessage> Log { get; } = new();

    /// <summary>The reply to every next DATA: null accepts (250), anything else answers with it.</summary>
    public SmtpResponse? Reply { get; set; }

    /// <summary>A reply per message (checked after <see cref="Reply"/>): null accepts it.</summary>
    public Func<MimeMessage, SmtpResponse?>? ReplyTo { get; set; }

    /// <summary>Raised after a message was accepted.</summary>
    public Action<MimeMessage>? OnReceived { get; set; }

    /// <summary>From now on, every message waits for <see cref="Release"/> before its DATA is answered.</summary>
    public void Hold() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a message is being held (its sender waits for the reply).</summary>
    public Task Holding => _holding.Task;

    /// <summary>Lets the held message through: the server accepts it, whether or not its sender is still there.</summary>
    public void Release() => Interlocked.Exchange(ref _held, null)?.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // Stopped, or stopping: the port goes with the process at the latest.
        }
        _stop.Dispose();
    }

    private sealed class Store(SmtpTestServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            if (server.Reply is { } reply) return reply;
            if (!server._keep)
            {
                Interlocked.Increment(ref server._accepted);
                return SmtpResponse.Ok;
            }
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            if (server.ReplyTo?.Invoke(message) is { } answer) return answer;
            if (server._held is { } held)
            {
                server._holding.TrySetResult();
                await held.Task; // the sender may be gone meanwhile: the message is accepted all the same
            }
            Interlocked.Increment(ref server._accepted);
            server.Received.Enqueue(message);
            server.Log.Enqueue(new ReceivedMessage(DateTime.UtcNow, message));
            server.OnReceived?.Invoke(message);
            return SmtpResponse.Ok;
        }
    }
}
