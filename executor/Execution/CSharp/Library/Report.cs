using DeepInsight.Executor.Rendering;
using DeepInsight.Executor.Rendering.Reports;

namespace DeepInsight.Executor.Execution.CSharp.Library;

/// <summary>A Markdown report (made by <see cref="Reports"/>), typeset as a paginated A4 PDF by the native engine when saved.</summary>
public sealed class Report
{
    private readonly string? _title;
    private readonly string _markdown;

    internal Report(string? title, string markdown)
    {
        _title = title;
        _markdown = markdown;
    }

    /// <summary>
    /// Writes the PDF and returns its full path. Relative paths, of the file and of images the
    /// Markdown embeds (<c>![](artifacts/chart.png)</c>), are under the work root.
    /// </summary>
    public string Save(string path)
    {
        if (!string.Equals(Path.GetExtension(path), ".pdf", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"'{path}': a report is saved as .pdf", nameof(path));
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        ReportRenderer.Render(_title, _markdown, fullPath, ExistingImage);
        return fullPath;
    }

    private static string ExistingImage(string reference)
    {
        var image = Path.GetFullPath(reference);
        return File.Exists(image) ? image : throw new RenderValidationException($"image '{reference}' not found");
    }
}
