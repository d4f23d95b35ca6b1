using Microsoft.CodeAnalysis.CSharp.Scripting.Hosting;
using Microsoft.CodeAnalysis.Scripting.Hosting;

namespace DeepInsight.Executor.Execution.CSharp.Runner;

/// <summary>
/// How the value of a script's final expression is printed, as a REPL would: collections and
/// records through Roslyn's formatter (List&lt;int&gt;(3) { 1, 2, 3 }). Strings are printed as
/// they are, because agents mostly end with a piece of text to read, not a literal to copy.
/// </summary>
internal static class ReplValue
{
    private static readonly PrintOptions Options = new() { MaximumOutputLength = 64 * 1024 };

    public static string Format(object value) =>
        value as string ?? CSharpObjectFormatter.Instance.FormatObject(value, Options);
}
