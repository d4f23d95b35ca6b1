namespace DeepInsight.Executor.Sessions;

/// <summary>
/// The task's stop as executions see it. Once the drain begins no execution is admitted; the
/// admitted ones are counted until their record is written, so the stop can wait for them, and
/// share one token that stops them all when the drain window ends.
/// </summary>
public sealed class ExecutionDrain
{
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private bool _draining;

    public bool IsDraining { get { lock (_gate) return _draining; } }

    /// <summary>Cancelled when running executions are to be stopped.</summary>
    public CancellationToken StopToken => _stop.Token;

    /// <summary>Counts an execution in, or returns false once the drain has begun.</summary>
    public bool TryEnter()
    {
        lock (_gate)
        {
            if (_draining) return false;
            _running++;
            return true;
        }
    }

    /// <summary>Called once the execution's record is written (or it was refused after entering).</summary>
    public void Exit()
    {
        lock (_gate)
        {
            if (--_running == 0 && _draining) _idle.TrySetResult();
        }
    }

    /// <summary>Refuses executions from now on; the task completes when none is left running.</summary>
    public Task BeginDrain()
    {
        lock (_gate)
        {
            _draining = true;
            if (_running == 0) _idle.TrySetResult();
            return _idle.Task;
        }
    }

    public int Running { get { lock (_gate) return _running; } }

    public void StopRunning() => _stop.Cancel();
}
