using System.Globalization;
using DeepInsight.Executor.Rendering.Canvas;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DeepInsight.Executor.Rendering.Reports;

/// <summary>Writes Markdown blocks onto the pages: headings, paragraphs, lists, quotes, code, rules, tables and images.</summary>
public sealed class BlockWriter(PageComposer page, Func<string, string> resolveImage)
{
    private const double ParagraphSpace = 7;
    private const double ListIndent = 18;
    private const double CodePadding = 7;

    private int _listDepth;

    public void WriteTitle(string title)
    {
        var layout = page.Markup(TextMarkup.Escape(title), ReportStyles.Title(page.Width));
        page.PlaceText(layout, ReportStyles.Text);
        page.Space(8);
        page.Add(new FilledBox(page.Left, page.Y, page.Width, 1.5, ReportStyles.Text));
        page.Advance(1.5);
        page.Space(16);
    }

    public void WriteBlocks(ContainerBlock container, bool tight = false)
    {
        foreach (var block in container) Write(block, tight);
    }

    private void Write(Block block, bool tight)
    {
        switch (block)
        {
            case HeadingBlock heading: WriteHeading(heading); break;
            case ParagraphBlock paragraph: WriteParagraph(paragraph, tight); break;
            case ListBlock list: WriteList(list); break;
            case QuoteBlock quote: WriteQuote(quote); break;
            case CodeBlock code: WriteCode(code); break;
            case ThematicBreakBlock: WriteRule(); break;
            case Table table:
                TableWriter.Write(page, table);
                page.Space(ParagraphSpace * 1.5);
                break;
            case ContainerBlock container: WriteBlocks(container, tight); break;
        }
    }

    private void WriteHeading(HeadingBlock heading)
    {
        page.Space(heading.Level <= 2 ? 14 : 10);
        var text = InlineMarkup.Build(heading.Inline);
        var layout = page.Markup(text.Markup, ReportStyles.Heading(heading.Level, page.Width));
        var start = page.Mark();
        page.PlaceText(layout, ReportStyles.Text, links: TextLink.Of(layout, text.Links));
        if (heading.Level == 1)
        {
            page.Space(3);
            page.Add(new FilledBox(page.Left, page.Y, page.Width, 0.75, ReportStyles.Rule));
            page.Advance(0.75);
        }
        page.Space(ParagraphSpace);
        page.KeepWithNext(start);
    }

    private void WriteParagraph(ParagraphBlock paragraph, bool tight)
    {
        var text = InlineMarkup.Build(paragraph.Inline);
        if (text.Markup.Length > 0)
        {
            var layout = page.Markup(text.Markup, ReportStyles.Body(page.Width));
            page.PlaceText(layout, ReportStyles.Text, links: TextLink.Of(layout, text.Links));
            page.Space(tight ? 2 : ParagraphSpace);
        }
        foreach (var image in paragraph.Inline?.Descendants<LinkInline>().Where(l => l.IsImage) ?? [])
            WriteImage(image);
    }

    /// <summary>
    /// An image scaled to the text width (and down to the page height if need be), with its alt
    /// text as caption: an SVG as vectors, anything else read as a PNG.
    /// </summary>
    private void WriteImage(LinkInline link)
    {
        var reference = Uri.UnescapeDataString(link.Url ?? "");
        var path = resolveImage(reference);
        var isSvg = string.Equals(Path.GetExtension(path), ".svg", StringComparison.OrdinalIgnoreCase);
        SvgImage? svg = null;
        CanvasImage? image = null;
        try
        {
            if (isSvg) svg = page.Svg(path);
            else image = page.Image(path, page.Width, ReportGeometry.MaxImageHeight);
        }
        catch (CanvasException e) { throw new RenderValidationException($"image '{reference}': {e.Message}"); }
        var width = page.Width;
        var height = width * (svg?.Height ?? image!.Height) / (svg?.Width ?? image!.Width);
        if (height > ReportGeometry.MaxImageHeight) (width, height) = (width * ReportGeometry.MaxImageHeight / height, ReportGeometry.MaxImageHeight);
        var alt = InlineMarkup.From(link);
        var caption = alt.Length > 0 ? page.Markup(alt, ReportStyles.Caption(page.Width)) : null;
        page.Reserve(height + (caption?.Height + 4 ?? 0));
        var x = page.Left + (page.Width - width) / 2;
        page.Add(svg is not null ? new PlacedSvg(svg, x, page.Y, width, height) : new PlacedImage(image!, x, page.Y, width, height));
        page.DecorateQuote(height);
        page.Advance(height);
        if (caption is not null)
        {
            page.Space(4);
            page.PlaceText(caption, ReportStyles.Muted);
        }
        page.Space(ParagraphSpace * 1.5);
    }

    private void WriteList(ListBlock list)
    {
        _listDepth++;
        var number = list.IsOrdered && int.TryParse(list.OrderedStart, CultureInfo.InvariantCulture, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? $"{number++}." : (_listDepth % 3) switch { 1 => "•", 2 => "◦", _ => "▪" };
            var markerLayout = page.Text(marker, ReportStyles.Body(ListIndent - 3) with { Alignment = TextAlignment.Right });
            page.SetMarker(markerLayout, page.Left);
            page.Indent += ListIndent;
            WriteBlocks(item, tight: !list.IsLoose);
            page.Indent -= ListIndent;
        }
        _listDepth--;
        page.Space(ParagraphSpace - 2);
    }

    private void WriteQuote(QuoteBlock quote)
    {
        page.EnterQuote();
        WriteBlocks(quote);
        page.ExitQuote();
    }

    private void WriteCode(CodeBlock code)
    {
        var text = string.Join("\n", code.Lines.Lines.Take(code.Lines.Count).Select(l => l.ToString())).TrimEnd();
        if (text.Length == 0) return;
        var layout = page.Text(text, ReportStyles.Code(page.Width - 2 * CodePadding));
        page.PlaceText(layout, ReportStyles.Text, ReportStyles.CodeBackground, CodePadding);
        page.Space(ParagraphSpace * 1.5);
    }

    private void WriteRule()
    {
        page.Space(6);
        page.Add(new FilledBox(page.Left, page.Y, page.Width, 0.75, ReportStyles.Rule));
        page.Advance(0.75);
        page.Space(12);
    }
}
