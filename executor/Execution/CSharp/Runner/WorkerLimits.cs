using DeepInsight.Executor.Execution.CSharp;
using DeepInsight.Executor.Execution.Core;

namespace DeepInsight.Executor.Execution.CSharp.Runner;

/// <summary>
/// The rlimits of the spec (<see cref="ChildLimits"/>) that are safe for a .NET process. No address-space limit:
/// the runtime reserves far more virtual memory than it uses, so memory is bounded by the
/// GC heap hard limit the worker was started with instead.
/// </summary>
internal static class WorkerLimits
{
    public static void Apply(ChildLimits limits)
    {
        WorkerPosix.LimitCpuSeconds(limits.CpuSeconds);
        WorkerPosix.LimitFileBytes(limits.FileBytes);
        WorkerPosix.LimitOpenFiles(limits.OpenFiles);
        WorkerPosix.LimitProcesses(limits.Processes);
        WorkerPosix.DisableCoreDumps();
    }
}
