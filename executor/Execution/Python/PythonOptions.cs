using DeepInsight.Executor.Configuration;

namespace DeepInsight.Executor.Execution.Python;

public sealed class PythonOptions(Settings settings)
{
    public TimeSpan Timeout { get; } = settings.Seconds("EXECUTOR_PYTHON_TIMEOUT_SECONDS", TimeSpan.FromSeconds(300));

    /// <summary>Whether executions fork from the warm interpreter (else each starts a cold one).</summary>
    public bool UseForkServer { get; } = settings.Flag("EXECUTOR_FORK_SERVER", true);

    /// <summary>
    /// Modules the fork server imports besides numpy, pandas and matplotlib, so executions and
    /// warm script files find them loaded (docs/python-stack.md has the measurements behind the list).
    /// </summary>
    public IReadOnlyList<string> PreloadModules { get; } =
        settings.List("EXECUTOR_PRELOAD_MODULES") ?? ["seaborn", "docx", "lxml.etree", "lovelyplots", "adjustText"];
}
