using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Sessions;

/// <summary>
/// Ends the task the way the contract asks: shortly after a successful completion (so the ALB
/// has drained it), and at the lifetime cap after a last upload. Either way, as on SIGTERM,
/// the host's stop then runs <see cref="SessionStop"/>. Both periods run from the session's own
/// clock (its start, its upload), so a server restarted after a crash does not begin them again.
/// </summary>
public sealed class SessionLifecycle(
    SessionCompletion completion, SessionState session, SessionSettings options,
    IHostApplicationLifetime lifetime, TimeProvider time, ILogger<SessionLifecycle> logger) : BackgroundService
{

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var capIn = Remaining(session.StartTime, options.MaxLifetime);
        logger.LogInformation("Lifetime cap in {RemainingSeconds} s of {CapSeconds} s from the session's start",
            Math.Round(capIn.TotalSeconds, 1), options.MaxLifetime.TotalSeconds);
        var lifetimeCap = Task.Delay(capIn, time, stoppingToken);
        var finished = await Task.WhenAny(completion.Uploaded, lifetimeCap);
        // Already stopping (SIGTERM): the upload that finished was the stop's own, and the stop exits.
        if (stoppingToken.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested) return;
        try
        {
            if (finished == completion.Uploaded)
            {
                logger.LogInformation("Session complete: exiting in {GraceSeconds} s", options.PostCompleteGrace.TotalSeconds);
                await Task.Delay(Remaining(session.EndTime ?? time.GetUtcNow(), options.PostCompleteGrace), time, stoppingToken);
            }
            else
            {
                logger.LogWarning("Lifetime cap of {CapSeconds} s reached: uploading and exiting", options.MaxLifetime.TotalSeconds);
                await completion.CompleteAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        lifetime.StopApplication();
    }

    /// <summary>What is left of <paramref name="period"/> begun at <paramref name="since"/>, never negative.</summary>
    private TimeSpan Remaining(DateTimeOffset since, TimeSpan period)
    {
        var left = period - (time.GetUtcNow() - since);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
