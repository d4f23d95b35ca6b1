using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Sessions;

/// <summary>
/// Ends the task the way the contract asks: shortly after a successful completion (so the ALB
/// has drained it), and at the lifetime cap after a last upload. Either way, as on SIGTERM,
/// the host's stop then runs <see cref="SessionStop"/>. Both periods run from the session's own
/// clock (its start, its upload), so a server restarted after a crash does not begin them again.
/// </summary>
public sealed class SessionLifecycle : BackgroundService
{
    private readonly SessionCompletion _completion;
    private readonly SessionState _session;
    private readonly SessionSettings _options;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<SessionLifecycle> _logger;

    public SessionLifecycle(SessionCompletion completion, SessionState session, SessionSettings options,
        IHostApplicationLifetime lifetime, ILogger<SessionLifecycle> logger)
    {
        _completion = completion;
        _session = session;
        _options = options;
        _lifetime = lifetime;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var capIn = Remaining(_session.StartTime, _options.MaxLifetime);
        _logger.LogInformation("Lifetime cap in {RemainingSeconds} s of {CapSeconds} s from the session's start",
            Math.Round(capIn.TotalSeconds, 1), _options.MaxLifetime.TotalSeconds);
        var lifetimeCap = Task.Delay(capIn, stoppingToken);
        var finished = await Task.WhenAny(_completion.Uploaded, lifetimeCap);
        // Already stopping (SIGTERM): the upload that finished was the stop's own, and the stop exits.
        if (stoppingToken.IsCancellationRequested || _lifetime.ApplicationStopping.IsCancellationRequested) return;
        try
        {
            if (finished == _completion.Uploaded)
            {
                _logger.LogInformation("Session complete: exiting in {GraceSeconds} s", _options.PostCompleteGrace.TotalSeconds);
                await Task.Delay(Remaining(_session.EndTime ?? DateTimeOffset.UtcNow, _options.PostCompleteGrace), stoppingToken);
            }
            else
            {
                _logger.LogWarning("Lifetime cap of {CapSeconds} s reached: uploading and exiting", _options.MaxLifetime.TotalSeconds);
                await _completion.CompleteAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        _lifetime.StopApplication();
    }

    /// <summary>What is left of <paramref name="period"/> begun at <paramref name="since"/>, never negative.</summary>
    private static TimeSpan Remaining(DateTimeOffset since, TimeSpan period)
    {
        var left = period - (DateTimeOffset.UtcNow - since);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
