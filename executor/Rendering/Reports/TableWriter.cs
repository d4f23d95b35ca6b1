using DeepInsight.Executor.Rendering.Canvas;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace DeepInsight.Executor.Rendering.Reports;

/// <summary>
/// GFM pipe tables: columns sized to their content within the text width, alignment from the
/// Markdown, a shaded bold header that is repeated when rows continue on the next page.
/// </summary>
public static class TableWriter
{
    private const double Padding = 5;
    private const double MinColumnWidth = 36;

    /// <summary>A laid-out row; <paramref name="Offsets"/> shift each cell inside its column (alignment of a cell set on one line).</summary>
    private sealed record Row(TextLayout[] Cells, double[] Offsets, IReadOnlyList<TextLink>[] Links, double Height, bool Header);

    public static void Write(PageComposer page, Table table)
    {
        var rows = table.OfType<TableRow>().ToList();
        var columns = rows.Max(r => r.Count);
        if (columns == 0) return;
        var alignments = Enumerable.Range(0, columns).Select(c => Alignment(table, c)).ToArray();
        var (widths, natural) = ColumnWidths(page, rows, columns);
        var laidOut = rows.Select((r, i) => LayOut(page, r, natural[i], widths, alignments)).ToList();
        var header = laidOut.FirstOrDefault(r => r.Header);

        page.Reserve((header?.Height ?? 0) + laidOut.Where(r => !r.Header).Select(r => r.Height).FirstOrDefault());
        var stripe = false;
        foreach (var row in laidOut)
        {
            if (!row.Header && page.Y + row.Height > ReportGeometry.Bottom)
            {
                page.NewPage();
                if (header is not null) Place(page, header, widths, false);
            }
            Place(page, row, widths, stripe && !row.Header);
            if (!row.Header) stripe = !stripe;
        }
    }

    private static TextAlignment Alignment(Table table, int column) =>
        column < table.ColumnDefinitions.Count
            ? table.ColumnDefinitions[column].Alignment switch
            {
                TableColumnAlign.Center => TextAlignment.Center,
                TableColumnAlign.Right => TextAlignment.Right,
                _ => TextAlignment.Left,
            }
            : TextAlignment.Left;

    /// <summary>
    /// Widths in proportion to each column's longest unwrapped cell, never below a minimum, filling
    /// the text width; and those unwrapped cells (row by row), to be used as they are where they fit.
    /// </summary>
    private static (double[] Widths, TextLayout[][] Natural) ColumnWidths(PageComposer page, List<TableRow> rows, int columns)
    {
        var longest = new double[columns];
        var natural = rows.Select(row => Enumerable.Range(0, row.Count).Select(c =>
        {
            var probe = page.Markup(CellText(row, c).Markup, ReportStyles.Cell(10_000) with { Bold = row.IsHeader });
            longest[c] = Math.Max(longest[c], probe.Width + 2 * Padding);
            return probe;
        }).ToArray()).ToArray();
        var total = longest.Sum();
        var widths = longest.Select(n => Math.Max(MinColumnWidth, page.Width * n / Math.Max(total, 1))).ToArray();
        var scale = page.Width / widths.Sum();
        return (widths.Select(w => w * scale).ToArray(), natural);
    }

    /// <summary>
    /// The cells of a row at their column widths. A cell whose unwrapped layout fits is that layout,
    /// shifted for its alignment, rather than the same text shaped again (most cells are short).
    /// </summary>
    private static Row LayOut(PageComposer page, TableRow row, TextLayout[] natural, double[] widths, TextAlignment[] alignments)
    {
        var cells = new TextLayout[widths.Length];
        var offsets = new double[widths.Length];
        var links = new IReadOnlyList<TextLink>[widths.Length];
        for (var c = 0; c < widths.Length; c++)
        {
            var room = widths[c] - 2 * Padding;
            var text = c < row.Count ? CellText(row, c) : new MarkedText("", []);
            if (c < natural.Length && natural[c].LineCount == 1 && natural[c].Width <= room - 0.01)
            {
                cells[c] = natural[c];
                offsets[c] = alignments[c] switch
                {
                    TextAlignment.Center => (room - cells[c].Width) / 2,
                    TextAlignment.Right => room - cells[c].Width,
                    _ => 0,
                };
            }
            else cells[c] = page.Markup(text.Markup, ReportStyles.Cell(room) with { Bold = row.IsHeader, Alignment = alignments[c] });
            links[c] = TextLink.Of(cells[c], text.Links);
        }
        return new Row(cells, offsets, links, cells.Max(l => l.Height) + 2 * Padding, row.IsHeader);
    }

    private static MarkedText CellText(TableRow row, int column)
    {
        var paragraphs = ((TableCell)row[column]).OfType<ParagraphBlock>().Select(p => InlineMarkup.Build(p.Inline)).ToList();
        return new MarkedText(string.Join("\n", paragraphs.Select(p => p.Markup)), paragraphs.SelectMany(p => p.Links).ToList());
    }

    private static void Place(PageComposer page, Row row, double[] widths, bool striped)
    {
        var background = row.Header ? ReportStyles.TableHeader : striped ? ReportStyles.TableStripe : (Color?)null;
        if (background is { } fill) page.Add(new FilledBox(page.Left, page.Y, widths.Sum(), row.Height, fill));
        var x = page.Left;
        for (var c = 0; c < widths.Length; c++)
        {
            page.Add(new TextSlice(row.Cells[c], x + Padding + row.Offsets[c], page.Y + Padding, 0, row.Cells[c].Height, ReportStyles.Text, row.Links[c]));
            x += widths[c];
        }
        page.Add(new FilledBox(page.Left, page.Y + row.Height - (row.Header ? 1 : 0.5), widths.Sum(), row.Header ? 1 : 0.5, ReportStyles.Rule));
        page.DecorateQuote(row.Height);
        page.Advance(row.Height);
    }
}
