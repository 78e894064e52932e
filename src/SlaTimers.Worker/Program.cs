using NodaTime;
using SlaTimers.Worker.Cli;

// The composition root: the only place that reads the system clock; everything else gets it injected.
#pragma warning disable RS0030
return await SlaTimersCli.RunAsync(args, CliContext.ForConsole(SystemClock.Instance));
