using DeepInsight.Executor.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Sessions;

/// <summary>
/// Ends the task the way the contract asks: shortly after a successful completion (so the ALB
/// has drained it), and at the lifetime cap after a last upload. Either way, as on SIGTERM,
/// the host's stop then runs <see cref="SessionStop"/>.
/// </summary>
public sealed class SessionLifecycle : BackgroundService
{
    private readonly SessionCompletion _completion;
    private readonly ExecutorOptions _options;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<SessionLifecycle> _logger;

    public SessionLifecycle(SessionCompletion completion, ExecutorOptions options,
        IHostApplicationLifetime lifetime, ILogger<SessionLifecycle> logger)
    {
        _completion = completion;
        _options = options;
        _lifetime = lifetime;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lifetimeCap = Task.Delay(_options.MaxLifetime, stoppingToken);
        var finished = await Task.WhenAny(_completion.Uploaded, lifetimeCap);
        // Already stopping (SIGTERM): the upload that finished was the stop's own, and the stop exits.
        if (stoppingToken.IsCancellationRequested || _lifetime.ApplicationStopping.IsCancellationRequested) return;
        try
        {
            if (finished == _completion.Uploaded)
            {
                _logger.LogInformation("Session complete: exiting in {GraceSeconds} s", _options.PostCompleteGrace.TotalSeconds);
                await Task.Delay(_options.PostCompleteGrace, stoppingToken);
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
}
