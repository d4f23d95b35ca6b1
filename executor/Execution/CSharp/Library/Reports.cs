namespace DeepInsight.Executor.Execution.CSharp.Library;

/// <summary>Reports for scripts: <c>Reports.FromMarkdown("월간 보고서", markdown).Save("artifacts/report.pdf")</c>.</summary>
public static class Reports
{
    /// <summary>Markdown with pipe tables, lists, quotes, code and local PNG images.</summary>
    public static Report FromMarkdown(string? title, string markdown) => new(title, markdown);
}
