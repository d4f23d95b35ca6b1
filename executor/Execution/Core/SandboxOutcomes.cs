using System.Text.Json.Nodes;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// Turns what the supervisor saw into the contract's outcome. The failure classes follow
/// Piston and Judge0: timeout, killed by a signal (named), a process exit without a result,
/// a failure to start, and the language's own runtime error (given by <c>fromResult</c>); and
/// one of the task's own: stopped because the task is stopping.
/// </summary>
public static class SandboxOutcomes
{
    public static ExecutionOutcome From(SandboxRun run, string timeoutSubject, TimeSpan limit,
        Func<JsonObject, JsonObject?> fromResult)
    {
        // First: a stop also cuts a launch short or kills the child, which would read as those failures.
        if (run.Stopped)
            return Failed(run, TaskStopping());
        if (run.LaunchFailure is not null)
            return Failed(run, Error("ExecutorError", $"Could not start the execution: {run.LaunchFailure}"));
        if (run.TimedOut)
            return Failed(run, Error("TimeoutError", $"{timeoutSubject} timed out after {(int)limit.TotalSeconds} seconds"));
        if (run.Result is { } result)
        {
            var error = fromResult(result);
            return error is null ? Completed(run) : Failed(run, error);
        }
        if (run.Exit.Signal is { } signal)
            return Failed(run, SignalError(signal));
        return run.Exit.ExitCode switch
        {
            0 => Completed(run),
            { } code => Failed(run, Error("ProcessExit", $"The process exited with code {code} before finishing", ("exit_code", code))),
            null => Failed(run, Error("ExecutorError", "The execution ended without a result")),
        };
    }

    /// <summary>The error of an execution the task's stop ended (SIGTERM after the drain window); its output so far is kept beside it.</summary>
    public static JsonObject TaskStopping() =>
        Error("TaskStopping", "The executor is stopping (SIGTERM: ECS StopTask, scale-in or deployment) and stopped this execution " +
            "at the end of its drain window; the output so far is kept. Run it again in a new session.");

    private static JsonObject SignalError(int signal)
    {
        var name = PosixSignals.Name(signal);
        var message = signal == PosixSignals.SIGKILL
            ? "The process was killed by SIGKILL (9): by the kernel's out-of-memory killer when memory ran out, or by the code itself"
            : $"The process was killed by signal {name} ({signal})";
        return Error(name, message, ("signal", signal));
    }

    public static JsonObject Error(string type, string message, params (string Name, JsonNode? Value)[] extra)
    {
        var error = new JsonObject { ["type"] = type, ["message"] = TextLimits.Cut(message) };
        foreach (var (name, value) in extra) error[name] = value;
        return error;
    }

    private static ExecutionOutcome Completed(SandboxRun run) =>
        new(ExecutionOutcome.Completed, run.Stdout, run.Stderr, null, run.Elapsed);

    private static ExecutionOutcome Failed(SandboxRun run, JsonObject error) =>
        new(ExecutionOutcome.Failed, run.Stdout, run.Stderr, error, run.Elapsed);
}
