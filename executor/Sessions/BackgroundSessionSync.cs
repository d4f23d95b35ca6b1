using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Sessions;

/// <summary>
/// Uploads the session as it goes (EXECUTOR_BACKGROUND_UPLOAD, on by default): a background
/// pass of <see cref="SessionSync"/> starts once no execution has finished for a quiet period,
/// so completion only sends what changed since, and a task killed hard has most of its work in
/// the store already. Never blocks an /execute answer; failures are logged and left to the next
/// pass or to completion. At most one pass runs and at most one more waits behind it.
/// </summary>
public sealed class BackgroundSessionSync : IDisposable
{
    /// <summary>Quiet time after the last finished execution before a pass starts.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromSeconds(1.5);

    private readonly SessionSync _sync;
    private readonly SessionState _session;
    private readonly ILogger<BackgroundSessionSync> _logger;
    private readonly bool _enabled;
    private readonly Timer _timer;
    private readonly CancellationTokenSource _disposed = new();
    private int _waiting;

    public BackgroundSessionSync(SessionSync sync, SessionState session, SessionSettings options, ILogger<BackgroundSessionSync> logger)
    {
        _sync = sync;
        _session = session;
        _logger = logger;
        _enabled = options.BackgroundUpload;
        // A timer runs its callback in the context it was created in, which would be the request that
        // first asked for this service: every pass would log and trace as part of that request.
        using (ExecutionContext.SuppressFlow())
            _timer = new Timer(_ => _ = RunAsync(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Called after each execution: (re)starts the quiet period.</summary>
    public void ExecutionFinished()
    {
        if (!_enabled || _session.IsComplete || _disposed.IsCancellationRequested) return;
        try
        {
            _timer.Change(Debounce, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task RunAsync()
    {
        // One pass may wait behind a running one; a third request has nothing to add to the second.
        if (Interlocked.Exchange(ref _waiting, 1) == 1) return;
        try
        {
            await _sync.SyncAsync(SyncPass.Background, _disposed.Token,
                skipIf: () => { Interlocked.Exchange(ref _waiting, 0); return _session.IsUploaded; });
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            Interlocked.Exchange(ref _waiting, 0);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Background upload pass failed; completion uploads what is left");
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _timer.Dispose();
    }
}
