using DeepInsight.Executor.Execution.Core;
namespace DeepInsight.Executor.Execution.Python;

/// <summary>
/// An execution child forked by the fork server. Its end is normally the fork server's
/// "exit" line; /proc is watched as well, so the end is still seen when the fork server died,
/// was stopped or lost track of it (a grandchild of the server cannot be waited for).
/// </summary>
public sealed class ForkedChild : IChildProcess
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    /// <summary>How long a live fork server gets to report an end that /proc already shows.</summary>
    private static readonly TimeSpan ReportGrace = TimeSpan.FromSeconds(1);

    private readonly TaskCompletionSource<ChildExit> _reported = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Pid { get; }
    public Task<ChildExit> Exited { get; }

    public ForkedChild(int pid, Func<bool> forkServerAlive)
    {
        Pid = pid;
        Exited = WatchAsync(forkServerAlive);
    }

    /// <summary>The fork server's report of its end (<see cref="ChildReaped"/>).</summary>
    public void Report(ChildExit exit) => _reported.TrySetResult(exit);

    private async Task<ChildExit> WatchAsync(Func<bool> forkServerAlive)
    {
        while (true)
        {
            var finished = await Task.WhenAny(_reported.Task, Task.Delay(PollInterval));
            if (finished == _reported.Task) return await _reported.Task;
            if (PosixSignals.IsRunning(Pid)) continue;
            if (!forkServerAlive()) return ChildExit.Unknown;
            try { return await _reported.Task.WaitAsync(ReportGrace); }
            catch (TimeoutException) { return ChildExit.Unknown; }
        }
    }
}
