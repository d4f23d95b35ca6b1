using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DeepInsight.Executor.Telemetry;

/// <summary>
/// Flushes spans and metrics once every service has stopped, within a bound. Left to the
/// container's disposal, a collector that accepts and never answers held the exit for the OTLP
/// export's whole timeout (10 s), past a stop timeout that ECS enforces with SIGKILL; cut short,
/// what did not go is dropped.
/// </summary>
public sealed class TelemetryShutdown(IServiceProvider services) : IHostedLifecycleService
{
    private static readonly TimeSpan FlushBound = TimeSpan.FromMilliseconds(500);

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        var bound = (int)FlushBound.TotalMilliseconds;
        services.GetService<TracerProvider>()?.Shutdown(bound);
        services.GetService<MeterProvider>()?.Shutdown(bound);
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
