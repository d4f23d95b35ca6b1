using System.Text.Json.Nodes;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// What to run in one child: the language the child side knows and its inputs. A C# job also
/// carries its script compiled (by the compiler process), which the spec passes on as "compiled".
/// </summary>
public sealed record SandboxJob(string Language, string Code, string WorkingDirectory, string Workspace,
    IReadOnlyDictionary<string, string> Environment, SandboxLimits Limits, JsonObject? Compiled = null);

/// <summary>
/// Everything the supervisor observed about one child: the result message it sent (if any),
/// its output, how it ended, and whether the wall-clock limit cut it or the task's stop did
/// (the caller's token: then the output so far is all there is).
/// </summary>
public sealed record SandboxRun(
    JsonObject? Result,
    string Stdout,
    string Stderr,
    ChildExit Exit,
    bool TimedOut,
    bool Stopped,
    TimeSpan Elapsed,
    string? LaunchFailure);
