namespace DeepInsight.Executor.Execution.Core;

/// <summary>Resource limits applied by the child to itself (rlimits) and by the supervisor.</summary>
public sealed record SandboxLimits(
    TimeSpan WallClock,
    long MemoryBytes,
    long FileBytes,
    int OpenFiles,
    int Processes,
    int OutputBytesPerStream)
{
    /// <summary>The rlimit part, as the child reads it from its spec.</summary>
    public ChildLimits ToChildLimits() =>
        new(MemoryBytes, (long)Math.Ceiling(WallClock.TotalSeconds) + 5, FileBytes, OpenFiles, Processes);
}
