using Microsoft.Extensions.Options;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Hangfire;
using SlaTimers.Worker.Sync;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Hosting;

// The attributes of the worker's options ([Range], [Required], IValidatableObject) checked by code the options
// source generator writes, instead of the reflection-based ValidateDataAnnotations: that shares one RangeAttribute per
// property across the process, and its lazy parsing of TimeSpan bounds is not thread-safe (dotnet/runtime#1143) —
// hosts starting side by side in one process failed now and then with "Unable to cast object of type
// 'System.TimeSpan' to type 'System.String'". Each is registered beside its options' binding.

[OptionsValidator]
public sealed partial class TimerOptionsValidator : IValidateOptions<TimerOptions>;

[OptionsValidator]
public sealed partial class HangfireOptionsValidator : IValidateOptions<HangfireOptions>;

[OptionsValidator]
public sealed partial class ConfigReloadOptionsValidator : IValidateOptions<ConfigReloadOptions>;

[OptionsValidator]
public sealed partial class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>;

[OptionsValidator]
public sealed partial class SyncOptionsValidator : IValidateOptions<SyncOptions>;
