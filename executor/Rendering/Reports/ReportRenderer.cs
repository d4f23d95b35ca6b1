using System.Text;
using DeepInsight.Executor.Rendering.Canvas;
using Markdig;

namespace DeepInsight.Executor.Rendering.Reports;

public sealed record ReportResult(long Bytes, int Pages);

/// <summary>
/// Markdown to a paginated A4 PDF. Layout runs first over the whole document, so the page count is
/// known when the "N / M" footers are drawn; then every page is drawn and the file written.
/// </summary>
public static class ReportRenderer
{
    public const int MaxMarkdownBytes = 2 * 1024 * 1024;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    /// <param name="resolveImage">Maps an image reference to a readable PNG or SVG path, or throws <see cref="RenderValidationException"/>.</param>
    public static ReportResult Render(string? title, string markdown, string outputPath, Func<string, string> resolveImage)
    {
        if (Encoding.UTF8.GetByteCount(markdown) > MaxMarkdownBytes)
            throw new RenderValidationException($"markdown is larger than {MaxMarkdownBytes / (1024 * 1024)} MB");
        var document = Markdown.Parse(markdown, Pipeline);
        using var pdf = CanvasDocument.CreatePdf(outputPath, ReportGeometry.PageWidth, ReportGeometry.PageHeight, title);
        using var page = new PageComposer(pdf.Canvas);
        var writer = new BlockWriter(page, reference => ResolveImage(resolveImage, reference));
        if (!string.IsNullOrWhiteSpace(title)) writer.WriteTitle(title.Trim());
        writer.WriteBlocks(document);

        var pages = page.Pages;
        for (var i = 0; i < pages.Count; i++)
        {
            if (i > 0) pdf.NextPage();
            foreach (var item in pages[i]) item.Draw(pdf.Canvas);
            var footer = page.Text($"{i + 1} / {pages.Count}", ReportStyles.Footer);
            pdf.Canvas.DrawText(footer, ReportGeometry.Left, ReportGeometry.FooterY, ReportStyles.Muted);
        }
        return new ReportResult(pdf.Save(), pages.Count);
    }

    private static string ResolveImage(Func<string, string> resolve, string reference)
    {
        if (reference.Contains("://", StringComparison.Ordinal))
            throw new RenderValidationException($"image '{reference}': only local PNG and SVG files can be embedded");
        return resolve(reference);
    }
}
