namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// Bounds concurrent executions (the rest wait in line) and the length of the line itself,
/// so a burst of requests costs a fixed number of children and a fixed amount of memory.
/// </summary>
public sealed class ExecutionGate
{
    private readonly SemaphoreSlim _running;
    private readonly int _maxConcurrent;
    private readonly int _maxWaiting;
    private int _admitted;
    private long _rejected;

    public ExecutionGate(int maxConcurrent, int maxWaiting)
    {
        _running = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        _maxConcurrent = maxConcurrent;
        _maxWaiting = maxConcurrent + maxWaiting;
    }

    /// <summary>Admitted executions not yet running (a reading for metrics: the two counts are not read atomically).</summary>
    public int Queued => Math.Max(0, Volatile.Read(ref _admitted) - (_maxConcurrent - _running.CurrentCount));

    /// <summary>Executions refused because the line was full, since the server started.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Takes a place in line, or returns null when the line is full.</summary>
    public Ticket? TryEnter()
    {
        if (Interlocked.Increment(ref _admitted) > _maxWaiting)
        {
            Interlocked.Decrement(ref _admitted);
            Interlocked.Increment(ref _rejected);
            return null;
        }
        return new Ticket(this);
    }

    public sealed class Ticket : IDisposable
    {
        private readonly ExecutionGate _gate;
        private bool _holdsSlot;
        private bool _disposed;

        internal Ticket(ExecutionGate gate) => _gate = gate;

        public async Task WaitTurnAsync()
        {
            await _gate._running.WaitAsync();
            _holdsSlot = true;
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            if (_holdsSlot) _gate._running.Release();
            Interlocked.Decrement(ref _gate._admitted);
        }
    }
}
