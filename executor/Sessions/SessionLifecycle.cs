using DeepInsight.Executor.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Sessions;

/// <summary>
/// Ends the task the way the contract asks: shortly after a successful completion (so the ALB
/// has drained it), at the lifetime cap after a last upload, and on SIGTERM (ECS StopTask) with
/// one last upload attempt of a session that is still open.
/// </summary>
public sealed class SessionLifecycle : BackgroundService
{
    private readonly SessionCompletion _completion;
    private readonly SessionState _session;
    private readonly ExecutorOptions _options;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<SessionLifecycle> _logger;

    public SessionLifecycle(SessionCompletion completion, SessionState session, ExecutorOptions options,
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
        var lifetimeCap = Task.Delay(_options.MaxLifetime, stoppingToken);
        var finished = await Task.WhenAny(_completion.Uploaded, lifetimeCap);
        if (stoppingToken.IsCancellationRequested) return;
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

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_session.IsUploaded) return;
        _logger.LogWarning("Stopping with the session still open: one last upload");
        try
        {
            var uploaded = await _completion.CompleteAsync(cancellationToken);
            _logger.LogInformation("Last upload before exit {Outcome}", uploaded ? "succeeded" : "failed");
        }
        catch (OperationCanceledException)
        {
            _logger.LogError("Last upload before exit was cut off by the shutdown timeout");
        }
    }
}
