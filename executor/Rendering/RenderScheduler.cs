namespace DeepInsight.Executor.Rendering;

/// <summary>
/// Runs rendering (CPU-bound, in-process) on the thread pool, at most one job per core at a time;
/// further requests wait their turn instead of oversubscribing the machine.
/// </summary>
public sealed class RenderScheduler : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Environment.ProcessorCount, Environment.ProcessorCount);

    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellation)
    {
        await _slots.WaitAsync(cancellation);
        try { return await Task.Run(work, cancellation); }
        finally { _slots.Release(); }
    }

    public void Dispose() => _slots.Dispose();
}
