using NodaTime;
using SlaTimers.Core.Storage;

namespace SlaTimers.Core.Notifications;

/// <summary>
/// Notifications that should have gone out and have not: a working worker delivers each within a second or two of
/// its instant; a channel that keeps failing (a mail server down, a revoked Graph permission) or a delivery queue
/// that cannot keep up shows as minutes. Counted from the due instant or the recording, whichever came later, so a
/// backfill's old checkpoints do not look late; those held on purpose (quiet hours, a digest window) do not count.
/// </summary>
/// <param name="Waiting">Notifications due and not delivered: pending or being sent.</param>
/// <param name="Retrying">Of those, the ones that failed at least once and wait for a retry (or are being retried).</param>
/// <param name="WaitingSince">The earliest instant one of them has waited since; null when none waits.</param>
public sealed record DeliveryBacklog(int Waiting, int Retrying, Instant? WaitingSince) : Backlog(WaitingSince);
