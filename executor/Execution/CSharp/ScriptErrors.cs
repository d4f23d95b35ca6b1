using System.Diagnostics;
using System.Reflection;
using DeepInsight.Executor.Execution.Core;
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
    private const string CompilationErrorType = "CompilationError";

    public static ExecutionError FromDiagnostics(IReadOnlyList<Diagnostic> errors)
    {
        var first = errors[0];
        var position = Position(first);
        var diagnostics = errors.Take(MaxDiagnostics).Select(Describe).ToList();
        return new ExecutionError(CompilationErrorType, $"{first.Id}: {first.GetMessage()}")
        {
            Line = CodePosition.At(position?.Line),
            KeyInfo = new ErrorHints { Column = CodePosition.At(position?.Column), Diagnostics = diagnostics },
            Traceback = string.Join('\n', errors.Select(e => e.ToString())),
        };
    }

    /// <summary>A script the compiler could not handle at all (it failed, ran out of memory, emitted nothing or died): no place in it to give.</summary>
    public static ExecutionError CompilationError(string message) => ExecutionError.InCode(CompilationErrorType, message);

    public static ExecutionError FromException(Exception thrown)
    {
        var exception = Unwrap(thrown);
        return new ExecutionError(exception.GetType().Name, exception.Message)
        {
            Line = CodePosition.At(ScriptLine(exception)),
            KeyInfo = ErrorHints.None,
            Traceback = exception.ToString(),
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

    private static CompileDiagnostic Describe(Diagnostic error)
    {
        var at = Position(error);
        return new CompileDiagnostic(error.Id, at?.Line, at?.Column, error.GetMessage());
    }

    private static (int Line, int Column)? Position(Diagnostic diagnostic)
    {
        if (!diagnostic.Location.IsInSource) return null;
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        return (start.Line + 1, start.Character + 1);
    }
}
