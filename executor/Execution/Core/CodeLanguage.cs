using System.Text.Json.Serialization;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>The languages code can be in, named on the child's spec (ChildSpec) as sandbox_child.py compares them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CodeLanguage>))]
public enum CodeLanguage
{
    [JsonStringEnumMemberName("python")] Python,
    [JsonStringEnumMemberName("bash")] Bash,
    [JsonStringEnumMemberName("csharp")] CSharp,
}

/// <summary>Submitted code after the language prefix (if any) has been read and stripped.</summary>
public sealed record SubmittedCode(CodeLanguage Language, string Source)
{
    private const string BashPrefix = "BASH:";
    private const string CSharpPrefix = "CSHARP:";

    /// <summary>
    /// The contract's rule: stripped text starting with "BASH:" is bash, everything else Python;
    /// "CSHARP:" or an explicit language "csharp" selects C#.
    /// </summary>
    public static SubmittedCode Parse(string code, string? language)
    {
        var stripped = code.Trim();
        if (stripped.StartsWith(BashPrefix, StringComparison.Ordinal))
            return new(CodeLanguage.Bash, stripped[BashPrefix.Length..].Trim());
        if (stripped.StartsWith(CSharpPrefix, StringComparison.Ordinal))
            return new(CodeLanguage.CSharp, stripped[CSharpPrefix.Length..].Trim());
        if (string.Equals(language, "csharp", StringComparison.OrdinalIgnoreCase))
            return new(CodeLanguage.CSharp, code);
        return new(CodeLanguage.Python, code);
    }

    /// <summary>The execution record's code_type.</summary>
    public string CodeType => Language switch
    {
        CodeLanguage.Bash => "bash",
        CodeLanguage.CSharp => "csharp",
        _ => "python",
    };
}
