using System.Text;
using System.Text.Json.Serialization;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// The protocol between the server and an execution's child over the hub (docs/architecture.md
/// §2): three connections each opened by <see cref="Hello"/>, then the <see cref="ChildSpec"/>
/// line from the server and the <see cref="ChildResult"/> line back on the control stream. The
/// child is sandbox_child.py (its docstring lists the same fields) or the C# worker (CSharpWorker,
/// HubStreams), which reads and writes through this class like the server does.
/// </summary>
public static class ChildProtocol
{
    public const string ControlStream = "ctl";
    public const string OutputStream = "out";
    public const string ErrorStream = "err";

    /// <summary>"TOKEN STREAM\n", the first bytes of each of a child's connections.</summary>
    public static byte[] Hello(string token, string stream) => Encoding.ASCII.GetBytes($"{token} {stream}\n");

    public static byte[] Line(ChildSpec spec) => JsonLines.Write(spec, ChildProtocolJson.Default.ChildSpec);

    public static byte[] Line(ChildResult result) => JsonLines.Write(result, ChildProtocolJson.Default.ChildResult);

    public static ChildSpec ReadSpec(string line) => JsonLines.Read(line, ChildProtocolJson.Default.ChildSpec, "the spec");

    /// <summary>The result, checked: an unknown status is as unreadable as broken JSON.</summary>
    public static ChildResult ReadResult(string line)
    {
        var result = JsonLines.Read(line, ChildProtocolJson.Default.ChildResult, "a result message");
        return result.Status is ChildResult.Completed or ChildResult.Failed
            ? result
            : throw new InvalidDataException($"Expected a result message, read one with the unknown status \"{result.Status}\"");
    }
}

/// <summary>
/// The spec, server → child, one JSON line: what to run, where, with which environment and
/// rlimits; a C# job also carries its script as the compiler emitted it. sandbox_child.serve
/// reads it as a dict; CSharpWorker through <see cref="ChildProtocol.ReadSpec"/>.
/// </summary>
public sealed record ChildSpec(CodeLanguage Language, string Code, string Cwd, string Workspace,
    IReadOnlyDictionary<string, string> Env, ChildLimits Limits, CompiledScript? Compiled = null);

/// <summary>
/// The rlimits the child sets on itself (sandbox_child._apply_limits, which adds RLIMIT_CORE=0;
/// the C# worker's WorkerLimits skips <see cref="MemoryBytes"/>, being bounded by its GC heap limit).
/// </summary>
public sealed record ChildLimits(long MemoryBytes, long CpuSeconds, long FileBytes, int OpenFiles, int Processes);

/// <summary>A C# script as the compiler process emitted it (CompilerAnswer): base64 assembly and portable PDB, and the entry point to call.</summary>
public sealed record CompiledScript(string Assembly, string Symbols, string Type, string Method);

/// <summary>
/// The result, child → server, one JSON line, after which the child closes the control stream:
/// "completed", or "failed" with the error of the code (Python: sandbox_child._describe; C#:
/// ScriptErrors) or, for bash, the command's return code; and what the run cost, measured by
/// the child (<see cref="Usage"/>).
/// </summary>
public sealed record ChildResult(string Status)
{
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static readonly ChildResult Success = new(Completed);

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExecutionError? Error { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ReturnCode { get; init; }

    /// <summary>
    /// Sent by both children; optional on the wire, since the code can write a result of its own
    /// on the control stream: a result without it is measured by the server instead (<see cref="ProcessGroupUsage"/>).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ChildUsage? Usage { get; init; }

    public static ChildResult Failure(ExecutionError error) => new(Failed) { Error = error };
}

/// <summary>
/// What the child's process tree cost, measured by the child at its end, once it has killed and
/// reaped whatever the code left (it is a subreaper, so every descendant has been waited for):
/// getrusage of itself and of its reaped descendants. <see cref="CpuMs"/> is user + system time
/// of both since the spec arrived (a spare's or a warm worker's start-up is not the code's);
/// <see cref="MaxRssKb"/> the larger of the two peak resident sets (ru_maxrss, KiB on Linux), a
/// high-water mark that counts from the process's start: a fork of the warm interpreter starts
/// with its parent's resident pages.
/// </summary>
public sealed record ChildUsage(long CpuMs, long MaxRssKb)
{
    /// <summary>No child ran (a launch failure, a C# compile error) or nothing could be read of it.</summary>
    public static readonly ChildUsage Unmeasured = new(0, 0);
}

/// <summary>Snake_case as sandbox_child.py writes and reads it; a missing or null required field makes a message unreadable.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ChildSpec))]
[JsonSerializable(typeof(ChildResult))]
internal sealed partial class ChildProtocolJson : JsonSerializerContext;
