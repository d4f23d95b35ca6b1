using DeepInsight.Executor.Configuration;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>What every execution shares whatever its language: the children's limits, the queue, and the interpreter children run on.</summary>
public sealed record ExecutionOptions
{
    /// <summary>The Python interpreter of the children (bash runs in a Python child too, and `python` on its PATH means this one).</summary>
    public string Python { get; init; } = "python3";
    public long MemoryLimitBytes { get; init; }
    public long FileSizeLimitBytes { get; init; } = 2L << 30;
    public int ProcessLimit { get; init; } = 512;
    public int OpenFilesLimit { get; init; } = 1024;
    public int OutputLimitBytes { get; init; } = 4 << 20;
    public int MaxConcurrentExecutions { get; init; } = Math.Max(2, Environment.ProcessorCount);
    public int MaxQueuedExecutions { get; init; } = 64;
    public bool ChildrenInheritAwsCredentials { get; init; }

    public static ExecutionOptions FromConfiguration(IConfiguration configuration)
    {
        var settings = new Settings(configuration);
        var defaults = new ExecutionOptions();
        return new ExecutionOptions
        {
            Python = settings.Text("EXECUTOR_PYTHON") ?? defaults.Python,
            MemoryLimitBytes = settings.Megabytes("EXECUTOR_MEMORY_LIMIT_MB", SystemMemory.DefaultChildLimitBytes() >> 20 << 20),
            FileSizeLimitBytes = settings.Megabytes("EXECUTOR_FILE_SIZE_LIMIT_MB", defaults.FileSizeLimitBytes),
            ProcessLimit = settings.Int("EXECUTOR_PROCESS_LIMIT", defaults.ProcessLimit),
            OutputLimitBytes = settings.Int("EXECUTOR_OUTPUT_LIMIT_BYTES", defaults.OutputLimitBytes),
            MaxConcurrentExecutions = settings.Int("EXECUTOR_MAX_CONCURRENT", defaults.MaxConcurrentExecutions),
            MaxQueuedExecutions = settings.Int("EXECUTOR_MAX_QUEUED", defaults.MaxQueuedExecutions),
            ChildrenInheritAwsCredentials = settings.Flag("EXECUTOR_CHILD_AWS_CREDENTIALS", false),
        };
    }
}
