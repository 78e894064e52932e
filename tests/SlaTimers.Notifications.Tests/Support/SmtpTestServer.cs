using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SlaTimers.Notifications.Tests.Support;

/// <summary>
/// A real SMTP server (the SmtpServer package) in this process on 127.0.0.1 and a free port. It keeps what it
/// receives, counts sessions (connections), offers STARTTLS when given a certificate, and AUTH when given a
/// password check; <see cref="Reply"/> makes it answer the DATA with another reply (451, 554, …).
/// </summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private int _sessions;

    private SmtpTestServer(X509Certificate2? certificate, Func<string, string, bool>? authenticate)
    {
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

    public static SmtpTestServer Start(X509Certificate2? certificate = null, Func<string, string, bool>? authenticate = null) =>
        new(certificate, authenticate);

    public int Port { get; }

    /// <summary>Connections the server has accepted.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>The reply to the next DATA commands: null accepts (250), anything else answers with it.</summary>
    public SmtpResponse? Reply { get; set; }

    /// <summary>Raised after a message was stored (for the load driver's latency).</summary>
    public Action<MimeMessage>? OnReceived { get; set; }

    public async ValueTask DisposeAsync()
    {
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
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            if (server.Reply is { } reply) return Task.FromResult(reply);
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, cancellationToken);
            server.Received.Enqueue(message);
            server.OnReceived?.Invoke(message);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
