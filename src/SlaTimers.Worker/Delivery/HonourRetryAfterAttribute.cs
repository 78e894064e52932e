using Hangfire.Common;
using Hangfire.States;
using SlaTimers.Notifications.Channels;

namespace SlaTimers.Worker.Delivery;

/// <summary>
/// Makes Hangfire's retry of a delivery wait as long as the failure asked: when <see cref="Hangfire.AutomaticRetryAttribute"/>
/// has just scheduled a retry for a job that failed with a <see cref="TransientDeliveryException"/> carrying
/// <see cref="TransientDeliveryException.RetryAfter"/>, the retry is moved to that delay instead of the attribute's
/// back-off. <see cref="DeliveryJob"/> throws one for every transient failure it handles, naming the delay it recorded
/// in the ledger (the channel's <c>Retry-After</c> of an HTTP 429 or 503, or its back-off), so the retry runs when the
/// ledger says it is due. The attempt count and the give-up rule stay AutomaticRetry's.
/// </summary>
/// <remarks>
/// It runs after AutomaticRetry (a higher <see cref="JobFilterAttribute.Order"/>) and finds the failure among the states
/// the election passed through. The delay is kept between <see cref="MinDelay"/> and <see cref="MaxDelay"/>: a service
/// that asks for a day would otherwise silence a warning for that long.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class HonourRetryAfterAttribute : JobFilterAttribute, IElectStateFilter
{
    /// <summary>AutomaticRetry's order is 20; this filter must see its decision.</summary>
    public const int AfterAutomaticRetry = 30;

    public static readonly TimeSpan MinDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);

    public HonourRetryAfterAttribute() => Order = AfterAutomaticRetry;

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is not ScheduledState scheduled) return;
        var failure = context.TraversedStates.OfType<FailedState>().LastOrDefault()?.Exception;
        if (RetryAfterOf(failure) is not { } wait) return;
        context.CandidateState = new ScheduledState(wait)
        {
            Reason = $"{scheduled.Reason} (after the {wait.TotalSeconds:0} s the delivery asked for)",
        };
    }

    /// <summary>The delay the failure asked for, kept within bounds; null when it named none.</summary>
    public static TimeSpan? RetryAfterOf(Exception? failure)
    {
        var transient = failure as TransientDeliveryException ?? failure?.InnerException as TransientDeliveryException;
        if (transient?.RetryAfter is not { } wait) return null;
        return wait < MinDelay ? MinDelay : wait > MaxDelay ? MaxDelay : wait;
    }
}
