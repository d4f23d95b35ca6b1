using DeepInsight.Executor.Configuration;

namespace DeepInsight.Executor.Execution.Python;

public sealed record PythonOptions
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(300);
    public bool UseForkServer { get; init; } = true;
    /// <summary>
    /// Modules the fork server imports besides numpy, pandas and matplotlib, so executions and
    /// warm script files find them loaded (docs/python-stack.md has the measurements behind the list).
    /// </summary>
    public IReadOnlyList<string> PreloadModules { get; init; } = DefaultPreloadModules;
    public static readonly IReadOnlyList<string> DefaultPreloadModules = ["seaborn", "docx", "lxml.etree", "lovelyplots", "adjustText"];

    public static PythonOptions FromConfiguration(IConfiguration configuration)
    {
        var settings = new Settings(configuration);
        var defaults = new PythonOptions();
        return new PythonOptions
        {
            Timeout = settings.Seconds("EXECUTOR_PYTHON_TIMEOUT_SECONDS", defaults.Timeout),
            UseForkServer = settings.Flag("EXECUTOR_FORK_SERVER", defaults.UseForkServer),
            PreloadModules = settings.List("EXECUTOR_PRELOAD_MODULES") ?? DefaultPreloadModules,
        };
    }
}
