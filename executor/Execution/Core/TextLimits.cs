namespace DeepInsight.Executor.Execution.Core;

/// <summary>The contract's 8192-character cut of error messages and tracebacks.</summary>
public static class TextLimits
{
    public const int ErrorTextChars = 8192;

    public static string Cut(string text, int limit = ErrorTextChars) =>
        text.Length <= limit ? text : text[..limit] + "...";
}
