namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// Turns what the supervisor saw into the contract's outcome. The failure classes follow
/// Piston and Judge0: timeout, killed by a signal (named), a process exit without a result,
/// a failure to start, and the language's own runtime error (given by <c>fromFailure</c> for a
/// "failed" result); and those of the task's own: stopped because the task is stopping, and a
/// result line that is not a result message.
/// </summary>
public static class SandboxOutcomes
{
    /// <summary>A "failed" result without the details its language reports.</summary>
    public static readonly ExecutionError FailureWithoutDetails = new("ExecutorError", "The child reported a failure without details");

    public static ExecutionOutcome From(SandboxRun run, string timeoutSubject, TimeSpan limit,
        Func<ChildResult, ExecutionError> fromFailure)
    {
        // First: a stop also cuts a launch short or kills the child, which would read as those failures.
        if (run.Stopped)
            return Failed(run, TaskStopping());
        if (run.LaunchFailure is not null)
            return Failed(run, new ExecutionError("ExecutorError", $"Could not start the execution: {run.LaunchFailure}"));
        if (run.TimedOut)
            return Failed(run, new ExecutionError("TimeoutError", $"{timeoutSubject} timed out after {(int)limit.TotalSeconds} seconds"));
        if (run.UnreadableResult is { } problem)
            return Failed(run, new ExecutionError("ExecutorError", $"The child's result could not be read: {problem}"));
        if (run.Result is { } result)
            return result.Status == ChildResult.Completed ? Completed(run) : Failed(run, fromFailure(result));
        if (run.Exit.Signal is { } signal)
            return Failed(run, SignalError(signal));
        return run.Exit.ExitCode switch
        {
            0 => Completed(run),
            { } code => Failed(run, new ExecutionError("ProcessExit", $"The process exited with code {code} before finishing") { ExitCode = code }),
            null => Failed(run, new ExecutionError("ExecutorError", "The execution ended without a result")),
        };
    }

    /// <summary>The error of an execution the task's stop ended (SIGTERM after the drain window); its output so far is kept beside it.</summary>
    public static ExecutionError TaskStopping() =>
        new("TaskStopping", "The executor is stopping (SIGTERM: ECS StopTask, scale-in or deployment) and stopped this execution " +
            "at the end of its drain window; the output so far is kept. Run it again in a new session.");

    private static ExecutionError SignalError(int signal)
    {
        var name = PosixSignals.Name(signal);
        var message = signal == PosixSignals.SIGKILL
            ? "The process was killed by SIGKILL (9): by the kernel's out-of-memory killer when memory ran out, or by the code itself"
            : $"The process was killed by signal {name} ({signal})";
        return new ExecutionError(name, message) { Signal = signal };
    }

    private static ExecutionOutcome Completed(SandboxRun run) => Outcome(run, ExecutionOutcome.Completed, null);

    private static ExecutionOutcome Failed(SandboxRun run, ExecutionError error) => Outcome(run, ExecutionOutcome.Failed, error);

    private static ExecutionOutcome Outcome(SandboxRun run, string status, ExecutionError? error) =>
        new(status, run.Stdout, run.Stderr, error, run.Elapsed) { Consumed = run.Usage ?? ChildUsage.Unmeasured };
}
