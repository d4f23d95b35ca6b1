using DeepInsight.Executor.Configuration;

namespace DeepInsight.Executor.Execution.Bash;

public sealed class BashOptions(Settings settings)
{
    public TimeSpan Timeout { get; } = settings.Seconds("EXECUTOR_BASH_TIMEOUT_SECONDS", TimeSpan.FromSeconds(300));
}
