namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// A language whose child side is sandbox_child.py: one supervised run, then the shared
/// failure classes, with only the reading of the child's own failure report left per language.
/// </summary>
public abstract class SandboxedCodeRunner : ICodeRunner
{
    private readonly SandboxSupervisor _supervisor;
    private readonly SandboxJobFactory _jobs;
    private readonly string _timeoutSubject;
    private readonly TimeSpan _timeout;

    protected SandboxedCodeRunner(SandboxSupervisor supervisor, SandboxJobFactory jobs, string timeoutSubject, TimeSpan timeout)
    {
        _supervisor = supervisor;
        _jobs = jobs;
        _timeoutSubject = timeoutSubject;
        _timeout = timeout;
    }

    public abstract CodeLanguage Language { get; }

    public async Task<ExecutionOutcome> RunAsync(string source, RunContext context, CancellationToken cancellationToken)
    {
        var run = await _supervisor.RunAsync(_jobs.Create(Language, source, context, _timeout), cancellationToken);
        return SandboxOutcomes.From(run, _timeoutSubject, _timeout, ErrorFromFailure);
    }

    /// <summary>The contract's error for a result whose status is "failed".</summary>
    protected abstract ExecutionError ErrorFromFailure(ChildResult failed);
}
