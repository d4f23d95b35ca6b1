namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// A language whose child side is sandbox_child.py: one supervised run, then the shared
/// failure classes, with only the reading of the child's own failure report left per language.
/// </summary>
public abstract class SandboxedCodeRunner(SandboxSupervisor supervisor, SandboxJobFactory jobs, string timeoutSubject, TimeSpan timeout)
    : ICodeRunner
{
    public abstract CodeLanguage Language { get; }

    public async Task<ExecutionOutcome> RunAsync(string source, RunContext context, CancellationToken cancellationToken)
    {
        var run = await supervisor.RunAsync(jobs.Create(Language, source, context, timeout), cancellationToken);
        return SandboxOutcomes.From(run, timeoutSubject, timeout, ErrorFromFailure);
    }

    /// <summary>The contract's error for a result whose status is "failed".</summary>
    protected abstract ExecutionError ErrorFromFailure(ChildResult failed);
}
