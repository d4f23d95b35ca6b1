namespace DeepInsight.Executor.Rendering;

/// <summary>
/// Where render requests read and write: the work root (outputs go under its artifacts/).
/// The seam for the host's configuration: register another instance to override the default.
/// </summary>
public sealed record RenderPaths(string WorkRoot)
{
    public static RenderPaths FromEnvironment() =>
        new(Environment.GetEnvironmentVariable("EXECUTOR_WORK_ROOT") is { Length: > 0 } root ? root : "/app");
}
