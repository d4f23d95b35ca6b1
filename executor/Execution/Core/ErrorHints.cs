using System.Text.Json.Serialization;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// The contract's <c>key_info</c>: short hints beside an error of the code that help an agent fix
/// it without reading the whole traceback; <see cref="None"/> (<c>{}</c>) when there are none.
/// Python fills the first three (PythonErrorHints), C# the others (ScriptErrors, CSharpWorker).
/// Every hint is left out when null, whatever the serializer's options.
/// </summary>
public sealed record ErrorHints
{
    public static readonly ErrorHints None = new();

    [JsonPropertyName("undefined_variable"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UndefinedVariable { get; init; }

    [JsonPropertyName("missing_module"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MissingModule { get; init; }

    [JsonPropertyName("issue"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Issue { get; init; }

    /// <summary>A C# compile error's column, set (if only to unknown) whenever <see cref="Diagnostics"/> is.</summary>
    [JsonPropertyName("column"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CodePosition? Column { get; init; }

    [JsonPropertyName("diagnostics"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CompileDiagnostic>? Diagnostics { get; init; }

    /// <summary>Set when the C# exception escaped a thread the script started rather than the script's own.</summary>
    [JsonPropertyName("thread"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Thread { get; init; }
}

/// <summary>One C# compiler error, its place in the script always written (null when it has none there).</summary>
public sealed record CompileDiagnostic(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("line"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Line,
    [property: JsonPropertyName("column"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Column,
    [property: JsonPropertyName("message")] string Message);
