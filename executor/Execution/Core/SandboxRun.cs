namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// What to run in one child: the language the child side knows and its inputs. A C# job also
/// carries its script compiled (by the compiler process), which the spec passes on as "compiled".
/// </summary>
public sealed record SandboxJob(CodeLanguage Language, string Code, string WorkingDirectory, string Workspace,
    IReadOnlyDictionary<string, string> Environment, SandboxLimits Limits, CompiledScript? Compiled = null)
{
    /// <summary>The part of the job the child is told.</summary>
    public ChildSpec Spec() => new(Language, Code, WorkingDirectory, Workspace, Environment, Limits.ToChildLimits(), Compiled);
}

/// <summary>
/// Everything the supervisor observed about one child: the result message it sent (if any; or
/// why the line it sent was not one), its output, how it ended, whether the wall-clock limit
/// cut it or the task's stop did (the caller's token: then the output so far is all there is),
/// and what its process tree used (the result's own figures, else the supervisor's reading).
/// </summary>
public sealed record SandboxRun(
    ChildResult? Result,
    string Stdout,
    string Stderr,
    ChildExit Exit,
    bool TimedOut,
    bool Stopped,
    TimeSpan Elapsed,
    string? LaunchFailure,
    string? UnreadableResult = null,
    ChildUsage? Usage = null);
