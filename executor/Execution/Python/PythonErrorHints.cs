using System.Text.Json.Nodes;

namespace DeepInsight.Executor.Execution.Python;

/// <summary>
/// The contract's key_info: short hints that help an agent fix the commonest mistakes of
/// generated code without reading the whole traceback.
/// </summary>
public static class PythonErrorHints
{
    public static JsonObject For(string type, string message, string? missingModule, string? undefinedVariable)
    {
        switch (type)
        {
            case "NameError" or "UnboundLocalError" when undefinedVariable is not null:
                return new JsonObject { ["undefined_variable"] = undefinedVariable };
            case "ImportError" or "ModuleNotFoundError" when missingModule is not null:
                return new JsonObject { ["missing_module"] = missingModule };
            case "SyntaxError" or "IndentationError" or "TabError":
                return Issue(SyntaxIssue(message));
            case "ValueError":
                return Issue(ValueIssue(message));
            default:
                return new JsonObject();
        }
    }

    private static JsonObject Issue(string? issue) =>
        issue is null ? new JsonObject() : new JsonObject { ["issue"] = issue };

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
