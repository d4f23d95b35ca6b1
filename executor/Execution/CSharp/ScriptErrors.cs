using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;

namespace DeepInsight.Executor.Execution.CSharp;

/// <summary>
/// Compile diagnostics and exceptions as the error object the worker reports, with lines
/// counted in the submitted script (the compilation is given <see cref="ScriptPath"/>
/// and debug information, so stack frames in the script carry their line).
/// </summary>
internal static class ScriptErrors
{
    /// <summary>The file name compilations and stack frames carry, so lines can be mapped back to the script.</summary>
    public const string ScriptPath = "script.csx";

    private const int MaxDiagnostics = 20;

    public static JsonObject FromDiagnostics(IReadOnlyList<Diagnostic> errors)
    {
        var first = errors[0];
        var position = Position(first);
        var diagnostics = new JsonArray();
        foreach (var error in errors.Take(MaxDiagnostics))
        {
            var at = Position(error);
            diagnostics.Add(new JsonObject
            {
                ["id"] = error.Id,
                ["line"] = at?.Line,
                ["column"] = at?.Column,
                ["message"] = error.GetMessage(),
            });
        }
        return new JsonObject
        {
            ["type"] = "CompilationError",
            ["message"] = $"{first.Id}: {first.GetMessage()}",
            ["line"] = position?.Line,
            ["key_info"] = new JsonObject { ["column"] = position?.Column, ["diagnostics"] = diagnostics },
            ["traceback"] = string.Join('\n', errors.Select(e => e.ToString())),
        };
    }

    public static JsonObject FromException(Exception thrown)
    {
        var exception = Unwrap(thrown);
        return new JsonObject
        {
            ["type"] = exception.GetType().Name,
            ["message"] = exception.Message,
            ["line"] = ScriptLine(exception),
            ["key_info"] = new JsonObject(),
            ["traceback"] = exception.ToString(),
        };
    }

    /// <summary>Reflection and task wrappers say nothing about the script: report what they carry.</summary>
    private static Exception Unwrap(Exception exception)
    {
        while (exception is TargetInvocationException or AggregateException && exception.InnerException is { } inner)
            exception = inner;
        return exception;
    }

    /// <summary>The innermost frame in the script, where the error surfaced in the user's code.</summary>
    private static int? ScriptLine(Exception exception) =>
        new StackTrace(exception, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => f.GetFileName() == ScriptPath && f.GetFileLineNumber() > 0)
            ?.GetFileLineNumber();

    private static (int Line, int Column)? Position(Diagnostic diagnostic)
    {
        if (!diagnostic.Location.IsInSource) return null;
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        return (start.Line + 1, start.Character + 1);
    }
}
