using System.Net.Sockets;
using System.Reflection;
using SmtpServer;
using SmtpServer.Net;

namespace SlaTimers.Testing.Smtp;

/// <summary>
/// The SmtpServer package's listener with TCP_NODELAY on its listening socket (Linux hands it on to every accepted
/// connection). The package leaves Nagle's algorithm on, so with PIPELINING its reply to RCPT waits ~40 ms for the
/// client's delayed ACK of the reply to MAIL — an artifact of this test server (production MTAs send pipelined
/// replies together) that would otherwise cap any client at ~22 mails/s on one connection.
/// </summary>
internal sealed class NoDelayEndpointListenerFactory : EndpointListenerFactory
{
    private static readonly FieldInfo? ListenerField =
        typeof(EndpointListener).GetField("_tcpListener", BindingFlags.NonPublic | BindingFlags.Instance);

    public override IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var listener = base.CreateListener(endpointDefinition);
        if (ListenerField?.GetValue(listener) is TcpListener tcp) tcp.Server.NoDelay = true;
        return listener;
    }
}
