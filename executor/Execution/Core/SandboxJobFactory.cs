namespace DeepInsight.Executor.Execution.Core;

/// <summary>Builds the sandbox job for a Python or bash run from the configured limits.</summary>
public sealed class SandboxJobFactory
{
    private readonly ExecutionOptions _options;

    public SandboxJobFactory(ExecutionOptions options, IReadOnlyDictionary<string, string> childEnvironment)
    {
        _options = options;
        ChildEnvironment = childEnvironment;
    }

    public IReadOnlyDictionary<string, string> ChildEnvironment { get; }

    public SandboxJob Create(CodeLanguage language, string source, RunContext context, TimeSpan wallClock) =>
        new(language, source, context.WorkRoot, context.Workspace, ChildEnvironment,
            new SandboxLimits(wallClock, _options.MemoryLimitBytes, _options.FileSizeLimitBytes,
                _options.OpenFilesLimit, _options.ProcessLimit, _options.OutputLimitBytes));
}
