using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Sandbox;

/// <summary>
/// The executor as the hostile corpus meets it: 1 GiB of address space and 100 MiB files, so
/// the memory and file limits are reached quickly, and a generous session budget.
/// </summary>
public abstract class HostileCodeFactory : ExecutorFactory
{
    protected HostileCodeFactory(int timeoutSeconds) : base(new Dictionary<string, string>
    {
        ["EXECUTOR_PYTHON_TIMEOUT_SECONDS"] = timeoutSeconds.ToString(),
        ["EXECUTOR_BASH_TIMEOUT_SECONDS"] = timeoutSeconds.ToString(),
        ["EXECUTOR_MEMORY_LIMIT_MB"] = "1024",
        ["EXECUTOR_FILE_SIZE_LIMIT_MB"] = "100",
        ["MAX_EXECUTIONS"] = "5000",
    })
    {
    }
}

/// <summary>2-second time limits: the endless cases end quickly.</summary>
public sealed class ShortTimeLimitFactory() : HostileCodeFactory(2);

/// <summary>Time limits out of the way, for cases that must reach a memory or output limit first on a busy machine.</summary>
public sealed class LongTimeLimitFactory() : HostileCodeFactory(120);
