using DeepInsight.Executor.Configuration;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>What every execution shares whatever its language: the children's limits, the queue, and the interpreter children run on.</summary>
public sealed class ExecutionOptions(Settings settings)
{
    /// <summary>The Python interpreter of the children (bash runs in a Python child too, and `python` on its PATH means this one).</summary>
    public string Python { get; } = settings.Text("EXECUTOR_PYTHON") ?? "python3";

    /// <summary>A child's address-space limit; by default a safe fraction of the task's memory (SystemMemory).</summary>
    public long MemoryLimitBytes { get; } = settings.Megabytes("EXECUTOR_MEMORY_LIMIT_MB", SystemMemory.DefaultChildLimitBytes() >> 20 << 20);

    public long FileSizeLimitBytes { get; } = settings.Megabytes("EXECUTOR_FILE_SIZE_LIMIT_MB", 2L << 30);

    public int ProcessLimit { get; } = settings.Int("EXECUTOR_PROCESS_LIMIT", 512);

    public int OpenFilesLimit { get; } = 1024;

    /// <summary>Bytes of stdout and of stderr kept per execution; the rest is counted and dropped.</summary>
    public int OutputLimitBytes { get; } = settings.Int("EXECUTOR_OUTPUT_LIMIT_BYTES", 4 << 20);

    public int MaxConcurrentExecutions { get; } = settings.Int("EXECUTOR_MAX_CONCURRENT", Math.Max(2, Environment.ProcessorCount));

    /// <summary>Executions that may wait for a slot; beyond them /execute answers 503.</summary>
    public int MaxQueuedExecutions { get; } = settings.Int("EXECUTOR_MAX_QUEUED", 64);

    /// <summary>Whether children keep the task's AWS credential variables (removed by default: see ChildEnvironment).</summary>
    public bool ChildrenInheritAwsCredentials { get; } = settings.Flag("EXECUTOR_CHILD_AWS_CREDENTIALS", false);
}
