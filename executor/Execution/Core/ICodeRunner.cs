namespace DeepInsight.Executor.Execution.Core;

/// <summary>Runs code of one language in a supervised child and reports the contract's outcome.</summary>
public interface ICodeRunner
{
    CodeLanguage Language { get; }
    Task<ExecutionOutcome> RunAsync(string source, RunContext context, CancellationToken cancellationToken);
}

/// <summary>What a runner needs to know about the session it runs for.</summary>
public sealed record RunContext(string SessionId, int ExecutionNum, string WorkRoot, string Workspace);
