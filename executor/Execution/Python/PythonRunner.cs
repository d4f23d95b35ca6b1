using DeepInsight.Executor.Execution.Core;

namespace DeepInsight.Executor.Execution.Python;

/// <summary>Python in a supervised child; errors carry the line in the submitted code and key_info hints.</summary>
public sealed class PythonRunner(SandboxSupervisor supervisor, SandboxJobFactory jobs, PythonOptions options)
    : SandboxedCodeRunner(supervisor, jobs, "Python execution", options.Timeout)
{
    public override CodeLanguage Language => CodeLanguage.Python;

    /// <summary>The child's report in the contract's shape: its two names become key_info hints.</summary>
    protected override ExecutionError ErrorFromFailure(ChildResult failed) => failed.Error is { } reported
        ? new ExecutionError(reported.Type, reported.Message)
        {
            Line = reported.Line ?? CodePosition.Unknown,
            KeyInfo = PythonErrorHints.For(reported),
            Traceback = reported.Traceback ?? "",
        }
        : SandboxOutcomes.FailureWithoutDetails;
}
