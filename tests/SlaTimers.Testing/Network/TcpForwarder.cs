using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace SlaTimers.Testing.Network;

/// <summary>
/// A loopback TCP forwarder in front of a server (a database): connect to <see cref="Port"/> and you talk to the
/// target. <see cref="Stop"/> makes the server vanish as a crashed or unreachable one does — the port refuses new
/// connections and open ones are reset — and <see cref="Start"/> brings it back on the same port.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly object _gate = new();
    private Socket? _listener;
    private CancellationTokenSource? _running;
    private Task _accepting = Task.CompletedTask;
    private long _accepted;

    private TcpForwarder(IPEndPoint target, int port)
    {
        _target = target;
        Port = port;
    }

    public int Port { get; }

    public bool IsRunning
    {
        get { lock (_gate) return _listener is not null; }
    }

    /// <summary>Connections accepted so far (each one a connection attempt that reached the port while it was up).</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <param name="running">False: the port refuses connections until <see cref="Start"/> (a server that is down at first).</param>
    public static TcpForwarder Create(string targetHost, int targetPort, bool running = true)
    {
        var address = Dns.GetHostAddresses(targetHost).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        var forwarder = new TcpForwarder(new IPEndPoint(address, targetPort), LoopbackPorts.Free());
        if (running) forwarder.Start();
        return forwarder;
    }

    public void Start()
    {
        lock (_gate)
        {
            if (_listener is not null) return;
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, Port));
            listener.Listen(512);
            _listener = listener;
            _running = new CancellationTokenSource();
            _accepting = AcceptAsync(listener, _running.Token);
        }
    }

    /// <summary>Closes the port and resets every open connection through it.</summary>
    public void Stop()
    {
        Task accepting;
        lock (_gate)
        {
            if (_listener is null) return;
            _running!.Cancel();
            _listener.Dispose();
            _listener = null;
            accepting = _accepting;
        }
        foreach (var socket in _open.Keys) Reset(socket);
        try
        {
            accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener it was given.
        }
    }

    private async Task AcceptAsync(Socket listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stop);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref _accepted);
            _ = ForwardAsync(client, stop);
        }
    }

    private async Task ForwardAsync(Socket client, CancellationToken stop)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        _open[client] = 0;
        _open[server] = 0;
        try
        {
            await server.ConnectAsync(_target, stop);
            var upstream = PumpAsync(client, server, stop);
            var downstream = PumpAsync(server, client, stop);
            await Task.WhenAny(upstream, downstream);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped, or the target is down: the client sees its connection reset.
        }
        finally
        {
            Reset(client);
            Reset(server);
            _open.TryRemove(client, out _);
            _open.TryRemove(server, out _);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to, CancellationToken stop)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, stop);
                if (read == 0) return;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stop);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Closes with RST (linger 0), as a dead peer's connection ends, rather than an orderly FIN.</summary>
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        socket.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Free TCP ports on 127.0.0.1.</summary>
public static class LoopbackPorts
{
    /// <summary>A port that was free a moment ago (the OS picks it; another process could take it before you bind).</summary>
    public static int Free()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
