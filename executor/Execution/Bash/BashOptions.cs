using DeepInsight.Executor.Configuration;

namespace DeepInsight.Executor.Execution.Bash;

public sealed record BashOptions(TimeSpan Timeout)
{
    public static BashOptions FromConfiguration(IConfiguration configuration) =>
        new(new Settings(configuration).Seconds("EXECUTOR_BASH_TIMEOUT_SECONDS", TimeSpan.FromSeconds(300)));
}
