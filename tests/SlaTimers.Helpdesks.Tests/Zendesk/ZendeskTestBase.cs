using SlaTimers.Core.Sync;
using SlaTimers.Helpdesks.Tests.Support;
using SlaTimers.Testing.Zendesk;
using static SlaTimers.Testing.Zendesk.ZendeskJson;

namespace SlaTimers.Helpdesks.Tests.Zendesk;

/// <summary>A fresh Zendesk stub per test, and the real registration pointed at it.</summary>
public abstract class ZendeskTestBase : IAsyncLifetime
{
    private HelpdeskHost? _host;

    protected ZendeskStub Stub { get; private set; } = null!;

    protected static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync() => Stub = await ZendeskStub.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        await Stub.DisposeAsync();
    }

    /// <summary>The "zd" helpdesk's source, against the stub.</summary>
    protected async Task<ITicketSource> SourceAsync(params (string Key, string? Value)[] settings)
    {
        _host ??= await HelpdeskHost.StartAsync(HelpdeskHost.Zendesk(Stub.BaseUrl, settings));
        return _host.Registry.Get("zd");
    }

    /// <summary>Each ticket's audits: just its creation.</summary>
    protected void CreatedOnly(params long[] ticketIds)
    {
        foreach (var id in ticketIds) Stub.OnJson(AuditsPath(id), AuditPage(CreationAudit(id * 100)));
    }
}
