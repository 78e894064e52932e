using Microsoft.Extensions.Options;
using SlaTimers.Notifications.GraphMail;
using SlaTimers.Notifications.Pickup;
using SlaTimers.Notifications.Smtp;
using SlaTimers.Notifications.Teams;
using SlaTimers.Notifications.TeamsWebhook;

namespace SlaTimers.Notifications;

// The channels' options checked by code the options source generator writes, not by the reflection-based
// ValidateDataAnnotations, whose shared RangeAttribute parses TimeSpan bounds without a lock (dotnet/runtime#1143):
// see SlaTimers.Worker.Hosting.OptionsValidators.

[OptionsValidator]
public sealed partial class PickupOptionsValidator : IValidateOptions<PickupOptions>;

[OptionsValidator]
public sealed partial class TeamsWebhookOptionsValidator : IValidateOptions<TeamsWebhookOptions>;

[OptionsValidator]
public sealed partial class SmtpOptionsValidator : IValidateOptions<SmtpOptions>;

[OptionsValidator]
public sealed partial class GraphMailOptionsValidator : IValidateOptions<GraphMailOptions>;

[OptionsValidator]
public sealed partial class TeamsOptionsValidator : IValidateOptions<TeamsOptions>;
