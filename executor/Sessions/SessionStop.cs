using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Sessions;

/// <summary>
/// The task's stop: on SIGTERM (ECS StopTask, a scale-in, a deployment), and on the exits that
/// <see cref="SessionLifecycle"/> asks for. It runs as the host's first stopping step, before
/// any hosted service stops and so while Kestrel still listens, which lets it answer throughout:
/// <list type="number">
/// <item>refuse: /execute and /health answer 503 from the first moment (the ALB drains the task);</item>
/// <item>salvage: what is on disk is uploaded at once, while executions go on;</item>
/// <item>drain: running executions get EXECUTOR_STOP_DRAIN_SECONDS to finish;</item>
/// <item>stop: the rest are killed, each recorded as failed with TaskStopping and its output so
/// far, and answered on its connection if that is still open;</item>
/// <item>final upload: what changed since the salvage, then the status file.</item>
/// </list>
/// All within EXECUTOR_STOP_TIMEOUT_SECONDS of the start, set under the task's stopTimeout,
/// after which ECS sends SIGKILL and whatever was not uploaded is lost.
/// </summary>
public sealed class SessionStop(
    ExecutionDrain drain, SessionState session, SessionSync sync, SessionCompletion completion,
    SessionSettings options, ILogger<SessionStop> logger) : IHostedLifecycleService
{
    /// <summary>
    /// Kept free at the end of the stop timeout for what follows this service: Kestrel closing
    /// its connections, the fork server and the C# processes ending, and the process exiting.
    /// </summary>
    private static readonly TimeSpan ExitReserve = TimeSpan.FromSeconds(1.5);

    /// <summary>The least time left after the drain for the stop and the final upload, whatever the drain setting.</summary>
    private static readonly TimeSpan AfterDrainReserve = TimeSpan.FromSeconds(5);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(AtLeastZero(options.StopTimeout - ExitReserve));
        var window = AtLeastZero(TimeSpan.FromTicks(Math.Min(options.StopDrain.Ticks, (options.StopTimeout - AfterDrainReserve).Ticks)));

        var idle = drain.BeginDrain();
        logger.LogWarning("Stopping: new executions refused, /health 503; {Running} running get up to {DrainSeconds} s, exit within {StopTimeoutSeconds} s",
            drain.Running, window.TotalSeconds, options.StopTimeout.TotalSeconds);
        var salvage = session.IsUploaded ? Task.CompletedTask : SalvageAsync(deadline.Token);

        var phase = Stopwatch.StartNew();
        var drained = await Task.WhenAny(idle, Task.Delay(window, deadline.Token)) == idle;
        logger.LogInformation("Stop drain ended after {ElapsedMs} ms with {Running} executions running", phase.ElapsedMilliseconds, drain.Running);
        if (!drained) await StopRunningAsync(idle, deadline.Token);

        await salvage;
        if (!session.IsUploaded) await FinalUploadAsync(deadline.Token);
        logger.LogInformation("Stop done in {ElapsedMs} ms (stop timeout {StopTimeoutSeconds} s)", total.ElapsedMilliseconds, options.StopTimeout.TotalSeconds);
    }

    /// <summary>Uploads what is on disk now: files written long before the stop are safe even if the rest runs out of time.</summary>
    private async Task SalvageAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var report = await sync.SyncAsync(SyncPass.Salvage, cancellationToken);
            logger.LogInformation("Stop salvage upload: {Uploaded} uploaded, {FailedCount} failed in {ElapsedMs} ms",
                report.Uploaded, report.Failed.Count, clock.ElapsedMilliseconds);
        }
        catch (OperationCanceledException)
        {
            logger.LogError("Stop salvage upload cut off by the stop timeout after {ElapsedMs} ms", clock.ElapsedMilliseconds);
        }
    }

    private async Task StopRunningAsync(Task idle, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var running = drain.Running;
        drain.StopRunning();
        try
        {
            await idle.WaitAsync(cancellationToken);
            logger.LogWarning("Stop: {Count} executions stopped and recorded as TaskStopping in {ElapsedMs} ms", running, clock.ElapsedMilliseconds);
        }
        catch (OperationCanceledException)
        {
            logger.LogError("Stop: {Count} executions still without a record at the stop timeout", drain.Running);
        }
    }

    private async Task FinalUploadAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            if (await completion.CompleteAsync(cancellationToken))
                logger.LogInformation("Stop final upload succeeded in {ElapsedMs} ms", clock.ElapsedMilliseconds);
            else
                logger.LogError("Stop final upload failed after {ElapsedMs} ms: the files named above are not in the store", clock.ElapsedMilliseconds);
        }
        catch (OperationCanceledException)
        {
            logger.LogError("Stop final upload cut off by the stop timeout after {ElapsedMs} ms", clock.ElapsedMilliseconds);
        }
    }

    /// <summary>A stop timeout set below the reserves leaves no drain and cuts the upload at once, rather than failing the stop.</summary>
    private static TimeSpan AtLeastZero(TimeSpan time) => time < TimeSpan.Zero ? TimeSpan.Zero : time;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
