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

    private sealed record Row(TextLayout[] Cells, IReadOnlyList<TextLink>[] Links, double Height, bool Header);

    public static void Write(PageComposer page, Table table)
    {
        var rows = table.OfType<TableRow>().ToList();
        var columns = rows.Max(r => r.Count);
        if (columns == 0) return;
        var alignments = Enumerable.Range(0, columns).Select(c => Alignment(table, c)).ToArray();
        var widths = ColumnWidths(page, rows, columns);
        var laidOut = rows.Select(r => LayOut(page, r, widths, alignments)).ToList();
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

    /// <summary>Widths in proportion to each column's longest unwrapped cell, never below a minimum, filling the text width.</summary>
    private static double[] ColumnWidths(PageComposer page, List<TableRow> rows, int columns)
    {
        var natural = new double[columns];
        foreach (var row in rows)
            for (var c = 0; c < row.Count; c++)
            {
                var probe = page.Markup(CellText(row, c).Markup, ReportStyles.Cell(10_000) with { Bold = row.IsHeader });
                natural[c] = Math.Max(natural[c], probe.Width + 2 * Padding);
            }
        var total = natural.Sum();
        var widths = natural.Select(n => Math.Max(MinColumnWidth, page.Width * n / Math.Max(total, 1))).ToArray();
        var scale = page.Width / widths.Sum();
        return widths.Select(w => w * scale).ToArray();
    }

    private static Row LayOut(PageComposer page, TableRow row, double[] widths, TextAlignment[] alignments)
    {
        var cells = new TextLayout[widths.Length];
        var links = new IReadOnlyList<TextLink>[widths.Length];
        for (var c = 0; c < widths.Length; c++)
        {
            var style = ReportStyles.Cell(widths[c] - 2 * Padding) with { Bold = row.IsHeader, Alignment = alignments[c] };
            var text = c < row.Count ? CellText(row, c) : new MarkedText("", []);
            cells[c] = page.Markup(text.Markup, style);
            links[c] = TextLink.Of(cells[c], text.Links);
        }
        return new Row(cells, links, cells.Max(l => l.Height) + 2 * Padding, row.IsHeader);
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
            page.Add(new TextSlice(row.Cells[c], x + Padding, page.Y + Padding, 0, row.Cells[c].Height, ReportStyles.Text, row.Links[c]));
            x += widths[c];
        }
        page.Add(new FilledBox(page.Left, page.Y + row.Height - (row.Header ? 1 : 0.5), widths.Sum(), row.Header ? 1 : 0.5, ReportStyles.Rule));
        page.DecorateQuote(row.Height);
        page.Advance(row.Height);
    }
}
