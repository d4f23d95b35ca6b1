using DeepInsight.Executor.Execution.Core;

namespace DeepInsight.Executor.Execution.Bash;

/// <summary>A bash command in a supervised child; a non-zero exit is the contract's BashError.</summary>
public sealed class BashRunner(SandboxSupervisor supervisor, SandboxJobFactory jobs, BashOptions options)
    : SandboxedCodeRunner(supervisor, jobs, "Bash command", options.Timeout)
{
    public override CodeLanguage Language => CodeLanguage.Bash;

    protected override ExecutionError ErrorFromFailure(ChildResult failed) => failed.ReturnCode is { } code
        ? new ExecutionError("BashError", $"Command failed with return code {code}") { ReturnCode = code }
        : SandboxOutcomes.FailureWithoutDetails;
}
