using System.Text.Json.Serialization;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// An execution's error as the contract shows it, one record from the child's result message
/// (ChildResult, CompilerAnswer) through <see cref="ExecutionOutcome"/> to the execution record
/// and the /execute answer. Always <c>type</c> and <c>message</c>; an error of the code itself
/// (Python, C#) also has <c>line</c> and <c>key_info</c> (see <see cref="InCode"/>) and mostly a
/// <c>traceback</c>; the executor's own classes carry one number: <c>return_code</c> (BashError),
/// <c>signal</c>, <c>exit_code</c> (ProcessExit). <c>missing_module</c> and <c>undefined_variable</c>
/// come only in the Python child's report (sandbox_child._describe), for PythonRunner to turn
/// into key_info. Each property says how it is written, so the record file, the HTTP answer and
/// the protocols write the same keys whatever their serializer options: an optional one is left
/// out when null. The message and the traceback are cut at the contract's 8192 characters
/// however the error was made (<see cref="TextLimits"/>).
/// </summary>
public sealed record ExecutionError
{
    private readonly string _message = "";
    private readonly string? _traceback;

    public ExecutionError(string type, string message)
    {
        Type = type;
        Message = message;
    }

    /// <summary>An error of the code with no place or hints to give: it has them, unknown and empty.</summary>
    public static ExecutionError InCode(string type, string message) =>
        new(type, message) { Line = CodePosition.Unknown, KeyInfo = ErrorHints.None };

    [JsonPropertyName("type")]
    public string Type { get; init; }

    [JsonPropertyName("message")]
    public string Message
    {
        get => _message;
        init => _message = TextLimits.Cut(value);
    }

    /// <summary>Where in the submitted code: set for an error of the code (if only to unknown), absent otherwise.</summary>
    [JsonPropertyName("line"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CodePosition? Line { get; init; }

    [JsonPropertyName("key_info"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ErrorHints? KeyInfo { get; init; }

    [JsonPropertyName("traceback"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Traceback
    {
        get => _traceback;
        init => _traceback = value is null ? null : TextLimits.Cut(value);
    }

    [JsonPropertyName("return_code"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ReturnCode { get; init; }

    [JsonPropertyName("signal"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Signal { get; init; }

    [JsonPropertyName("exit_code"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ExitCode { get; init; }

    [JsonPropertyName("missing_module"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MissingModule { get; init; }

    [JsonPropertyName("undefined_variable"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UndefinedVariable { get; init; }
}
