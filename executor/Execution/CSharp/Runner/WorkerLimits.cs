using DeepInsight.Executor.Execution.CSharp;
namespace DeepInsight.Executor.Execution.CSharp.Runner;

/// <summary>
/// The rlimits of the job spec that are safe for a .NET process. No address-space limit:
/// the runtime reserves far more virtual memory than it uses, so memory is bounded by the
/// GC heap hard limit the worker was started with instead.
/// </summary>
internal static class WorkerLimits
{
    public static void Apply(WorkerSpec spec)
    {
        WorkerPosix.LimitCpuSeconds(spec.Limit("cpu_seconds"));
        WorkerPosix.LimitFileBytes(spec.Limit("file_bytes"));
        WorkerPosix.LimitOpenFiles(spec.Limit("open_files"));
        WorkerPosix.LimitProcesses(spec.Limit("processes"));
        WorkerPosix.DisableCoreDumps();
    }
}
