using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace DeepInsight.RenderTool;

/// <summary>
/// The measurement behind the report engine's choice (docs/rendering.md): the benchmark report's
/// Markdown typeset the cheapest way SkiaSharp's PDF backend with HarfBuzz shaping allows, a lower
/// bound for a Skia report engine. Every block becomes plain text in one face per block (no bold
/// or italic runs, no links), lines break greedily at spaces (no UAX #14 rules, no hyphenation, no
/// font fallback), table cells get equal widths and images are drawn at their size in the file.
/// <see cref="RenderBench"/> times it as it times the Pango/Cairo report.
/// </summary>
public static class ReportEngineProbe
{
    private const float PageWidth = 595.28f, PageHeight = 841.89f, Margin = 56, Bottom = PageHeight - 64;

    private static readonly SKTypeface Regular = SKTypeface.FromFamilyName("NanumGothic");
    private static readonly SKTypeface Bold = SKTypeface.FromFamilyName("NanumGothic", SKFontStyle.Bold);
    private static readonly SKTypeface Mono = SKTypeface.FromFamilyName("NanumGothicCoding");

    public static int Render(string title, string markdown, string output, Func<string, string> resolveImage)
    {
        var document = Markdown.Parse(markdown, new MarkdownPipelineBuilder().UsePipeTables().Build());
        using var stream = File.Create(output);
        using var pdf = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata { Title = title });
        var writer = new Writer(pdf, resolveImage);
        writer.Paragraph(title, Bold, 22, 0);
        foreach (var block in document.Descendants<LeafBlock>()) writer.Block(block);
        return writer.Finish();
    }

    private sealed class Writer(SKDocument pdf, Func<string, string> resolveImage)
    {
        // Kept across documents: a shaper reads its whole font file into HarfBuzz when made.
        private static readonly Dictionary<SKTypeface, SKShaper> Shapers = [];
        private readonly SKPaint _ink = new() { Color = new SKColor(0x1F, 0x23, 0x28), IsAntialias = true };
        private SKCanvas _canvas = pdf.BeginPage(PageWidth, PageHeight);
        private float _y = Margin;
        private int _pages = 1;

        public void Block(LeafBlock block)
        {
            switch (block)
            {
                case HeadingBlock heading: Paragraph(Text(heading.Inline), Bold, heading.Level <= 2 ? 15 : 13, 0); break;
                case ParagraphBlock paragraph:
                    foreach (var image in paragraph.Inline?.Descendants<LinkInline>().Where(l => l.IsImage) ?? []) Image(image.Url!);
                    Paragraph(Text(paragraph.Inline), Regular, 10.5f, paragraph.Parent is ListItemBlock ? 18 : 0);
                    break;
                case CodeBlock code: Paragraph(string.Join("\n", code.Lines.Lines.Take(code.Lines.Count)), Mono, 9, 7); break;
            }
            if (block.Parent is TableCell cell && cell.Parent is TableRow row)
                Paragraph(Text((cell.LastChild as ParagraphBlock)?.Inline), Regular, 9.5f, row.IndexOf(cell) * (PageWidth - 2 * Margin) / row.Count);
        }

        public void Paragraph(string text, SKTypeface face, float size, float indent)
        {
            if (text.Length == 0) return;
            using var font = new SKFont(face, size);
            var width = PageWidth - 2 * Margin - indent;
            var lineHeight = size * 1.45f;
            foreach (var source in text.Split('\n'))
            {
                var line = "";
                foreach (var word in source.Split(' '))
                {
                    var candidate = line.Length == 0 ? word : line + " " + word;
                    if (line.Length > 0 && font.MeasureText(candidate) > width) { Line(line, face, font, indent, lineHeight); line = word; }
                    else line = candidate;
                }
                Line(line, face, font, indent, lineHeight);
            }
            _y += size * 0.6f;
        }

        private void Line(string text, SKTypeface face, SKFont font, float indent, float height)
        {
            Reserve(height);
            SKShaper? shaper;
            lock (Shapers)
                if (!Shapers.TryGetValue(face, out shaper)) Shapers[face] = shaper = new SKShaper(face);
            _canvas.DrawShapedText(shaper, text, Margin + indent, _y + font.Size, SKTextAlign.Left, font, _ink);
            _y += height;
        }

        private void Image(string reference)
        {
            using var image = SKImage.FromEncodedData(resolveImage(reference));
            var width = PageWidth - 2 * Margin;
            var height = width * image.Height / image.Width;
            Reserve(height);
            _canvas.DrawImage(image, SKRect.Create(Margin, _y, width, height), new SKSamplingOptions(SKFilterMode.Linear));
            _y += height + 10;
        }

        private void Reserve(float height)
        {
            if (_y + height <= Bottom) return;
            pdf.EndPage();
            _canvas = pdf.BeginPage(PageWidth, PageHeight);
            _pages++;
            _y = Margin;
        }

        public int Finish()
        {
            pdf.EndPage();
            pdf.Close();
            _ink.Dispose();
            return _pages;
        }

        private static string Text(ContainerInline? inline) =>
            string.Concat(inline?.Descendants<LiteralInline>().Select(l => l.Content.ToString()) ?? []);
    }
}
