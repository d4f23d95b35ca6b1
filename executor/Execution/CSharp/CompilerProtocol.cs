using System.Text;
using System.Text.Json.Serialization;
using DeepInsight.Executor.Execution.Core;

namespace DeepInsight.Executor.Execution.CSharp;

/// <summary>
/// The protocol between the server (CSharpCompiler, CompilerProcess) and the compiler process
/// (CompilerServer), both this executable: one <see cref="CompileRequest"/> line on the compiler's
/// stdin, one <see cref="CompilerAnswer"/> line back on its stdout, one at a time and paired by
/// order; and once, unasked, <see cref="CompilerAnswer.WarmNotice"/>.
/// </summary>
public static class CompilerProtocol
{
    /// <summary>The warm notice as the compiler writes it, so the reader knows it from an answer without parsing every answer twice.</summary>
    public static readonly string WarmNoticeLine = Text(Line(CompilerAnswer.WarmNotice));

    public static byte[] Line(CompileRequest request) => JsonLines.Write(request, CompilerProtocolJson.Default.CompileRequest);

    public static byte[] Line(CompilerAnswer answer) => JsonLines.Write(answer, CompilerProtocolJson.Default.CompilerAnswer);

    public static CompileRequest ReadRequest(string line) => JsonLines.Read(line, CompilerProtocolJson.Default.CompileRequest, "a compile request");

    /// <summary>An answer, checked: "compiled" with the whole script, or "failed" with its error.</summary>
    public static CompilerAnswer ReadAnswer(string line)
    {
        var answer = JsonLines.Read(line, CompilerProtocolJson.Default.CompilerAnswer, "a compiler answer");
        var complete = answer.Status switch
        {
            CompilerAnswer.Compiled => answer.Script is not null,
            CompilerAnswer.Failed => answer.Error is not null,
            _ => false,
        };
        return complete ? answer : throw new InvalidDataException($"Expected a compiler answer, read an incomplete one of status \"{answer.Status}\"");
    }

    /// <summary>A line as the text it is, without its newline.</summary>
    public static string Text(byte[] line) => Encoding.UTF8.GetString(line, 0, line.Length - 1);
}

/// <summary>A request, server → compiler: one script to compile.</summary>
public sealed record CompileRequest(string Code);

/// <summary>
/// An answer, compiler → server: "compiled" with the emitted script's four fields (flat on the
/// wire; <see cref="Script"/> gathers them into what the spec carries), "failed" with the
/// CompilationError (or the compiler's own failure), or the one unasked "warm" notice.
/// </summary>
public sealed record CompilerAnswer(string Status)
{
    public const string Compiled = "compiled";
    public const string Failed = "failed";
    public const string Warm = "warm";

    /// <summary>Written once, when the first warm-up compilation is done: the server logs when C# became fast.</summary>
    public static readonly CompilerAnswer WarmNotice = new(Warm);

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Assembly { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Symbols { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Method { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExecutionError? Error { get; init; }

    /// <summary>The emitted script of a "compiled" answer; null otherwise.</summary>
    [JsonIgnore]
    public CompiledScript? Script => Status == Compiled && Assembly is { } assembly && Symbols is { } symbols && Type is { } type && Method is { } method
        ? new CompiledScript(assembly, symbols, type, method)
        : null;

    public static CompilerAnswer Of(CompiledScript script) =>
        new(Compiled) { Assembly = script.Assembly, Symbols = script.Symbols, Type = script.Type, Method = script.Method };

    public static CompilerAnswer Failure(ExecutionError error) => new(Failed) { Error = error };
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CompileRequest))]
[JsonSerializable(typeof(CompilerAnswer))]
internal sealed partial class CompilerProtocolJson : JsonSerializerContext;
