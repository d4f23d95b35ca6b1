using DeepInsight.Executor.Execution.Core;

namespace DeepInsight.Executor.Execution.Python;

/// <summary>
/// The contract's key_info: short hints that help an agent fix the commonest mistakes of
/// generated code without reading the whole traceback.
/// </summary>
public static class PythonErrorHints
{
    /// <summary>The hints for the error the Python child reported (with the names it found, if any).</summary>
    public static ErrorHints For(ExecutionError reported) => reported switch
    {
        { Type: "NameError" or "UnboundLocalError", UndefinedVariable: { } name } => new ErrorHints { UndefinedVariable = name },
        { Type: "ImportError" or "ModuleNotFoundError", MissingModule: { } module } => new ErrorHints { MissingModule = module },
        { Type: "SyntaxError" or "IndentationError" or "TabError" } => Issue(SyntaxIssue(reported.Message)),
        { Type: "ValueError" } => Issue(ValueIssue(reported.Message)),
        _ => ErrorHints.None,
    };

    private static ErrorHints Issue(string? issue) => issue is null ? ErrorHints.None : new ErrorHints { Issue = issue };

    private static string? SyntaxIssue(string message)
    {
        if (message.Contains("invalid decimal literal", StringComparison.Ordinal))
            return "Invalid decimal literal: a number runs into letters, often CSS (e.g. 10px) or units pasted inside Python code";
        if (message.Contains("format code", StringComparison.Ordinal) || message.Contains("f-string", StringComparison.Ordinal))
            return "f-string formatting problem: check the format spec after ':' and escape literal braces as {{ }}";
        // Python 3.10+ words an unclosed bracket or string differently from "unexpected EOF".
        if (message.Contains("unexpected EOF", StringComparison.Ordinal)
            || message.Contains("was never closed", StringComparison.Ordinal)
            || message.Contains("unterminated", StringComparison.Ordinal))
            return "Unexpected end of code: a bracket, parenthesis or quote is not closed";
        return null;
    }

    private static string? ValueIssue(string message)
    {
        if (message.Contains("Unknown format code", StringComparison.Ordinal))
            return "Unknown format code: the format spec does not fit the value's type (e.g. ',d' on a float or ':.2f' on a str)";
        if (message.Contains("Cannot specify", StringComparison.Ordinal))
            return "Conflicting format spec: e.g. ',' cannot be combined with 'n' or with a string value";
        return null;
    }
}
