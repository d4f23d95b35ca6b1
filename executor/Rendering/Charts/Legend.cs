using DeepInsight.Executor.Rendering.Canvas;

namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>How a legend entry shows its colour.</summary>
public enum LegendMark
{
    Swatch,
    Line,
    Dot,
}

public sealed record LegendEntry(string Label, Color Colour);

/// <summary>
/// Legends: a centred band of entries under the title (series), or a column on the right
/// (pie slices). Entries that do not fit are summarised as "… 외 N개" ("and N more").
/// </summary>
public static class Legend
{
    private const int MaxRows = 3;

    /// <summary>Draws the entries in rows at the top of <paramref name="area"/> and returns the area left below.</summary>
    public static Box DrawTop(ChartContext ctx, Box area, IReadOnlyList<LegendEntry> entries, LegendMark mark)
    {
        var theme = ctx.Theme;
        var markWidth = MarkWidth(theme);
        var spacing = 22 * theme.Scale;
        var style = theme.Legend with { WrapWidth = area.Width * 0.3, MaxLines = 1 };
        var labels = entries.Select(e => ctx.Text(e.Label, style)).ToList();
        var rows = new List<List<int>> { new() };
        var rowWidth = 0.0;
        var shown = 0;
        for (; shown < entries.Count; shown++)
        {
            var width = markWidth + labels[shown].Width + spacing;
            if (rowWidth + width > area.Width && rows[^1].Count > 0)
            {
                if (rows.Count == MaxRows) break;
                rows.Add([]);
                rowWidth = 0;
            }
            rows[^1].Add(shown);
            rowWidth += width;
        }
        var lineHeight = labels[0].Height;
        var y = area.Y;
        foreach (var row in rows)
        {
            var total = row.Sum(i => markWidth + labels[i].Width + spacing) - spacing;
            var x = area.CenterX - total / 2;
            foreach (var i in row)
            {
                DrawMark(ctx, mark, entries[i].Colour, x, y + lineHeight / 2);
                ctx.Canvas.DrawText(labels[i], x + markWidth, y, theme.Text);
                x += markWidth + labels[i].Width + spacing;
            }
            y += lineHeight * 1.25;
        }
        if (shown < entries.Count)
        {
            var more = ctx.Text($"… 외 {entries.Count - shown}개", theme.Legend);
            ctx.Canvas.DrawText(more, area.CenterX - more.Width / 2, y, theme.MutedText);
            y += lineHeight * 1.25;
        }
        return area.TrimTop(y - area.Y + theme.Gap);
    }

    /// <summary>Draws the entries as a column at the right of <paramref name="area"/> and returns the area left of it.</summary>
    public static Box DrawRight(ChartContext ctx, Box area, IReadOnlyList<LegendEntry> entries)
    {
        var theme = ctx.Theme;
        var markWidth = MarkWidth(theme);
        var style = theme.Legend with { WrapWidth = area.Width * 0.3, MaxLines = 1 };
        var labels = entries.Select(e => ctx.Text(e.Label, style)).ToList();
        var step = labels[0].Height * 1.35;
        var fitting = Math.Max(1, (int)(area.Height / step));
        var shown = entries.Count <= fitting ? entries.Count : fitting - 1;
        var more = shown < entries.Count ? ctx.Text($"… 외 {entries.Count - shown}개", theme.Legend) : null;
        var width = markWidth + Math.Max(labels.Take(shown).DefaultIfEmpty().Max(l => l?.Width ?? 0), more?.Width ?? 0);
        var x = area.Right - width;
        var y = area.CenterY - (shown + (more is null ? 0 : 1)) * step / 2;
        for (var i = 0; i < shown; i++, y += step)
        {
            DrawMark(ctx, LegendMark.Swatch, entries[i].Colour, x, y + labels[i].Height / 2);
            ctx.Canvas.DrawText(labels[i], x + markWidth, y, theme.Text);
        }
        if (more is not null) ctx.Canvas.DrawText(more, x + markWidth, y, theme.MutedText);
        return area.TrimRight(width + theme.Padding);
    }

    private static double MarkWidth(ChartTheme theme) => 26 * theme.Scale;

    private static void DrawMark(ChartContext ctx, LegendMark mark, Color colour, double x, double centerY)
    {
        var theme = ctx.Theme;
        var canvas = ctx.Canvas;
        var size = 14 * theme.Scale;
        switch (mark)
        {
            case LegendMark.Line:
                canvas.StrokeLine(x, centerY, x + size * 1.3, centerY, colour, theme.LineWidth);
                goto case LegendMark.Dot;
            case LegendMark.Dot:
                canvas.SetColor(colour);
                canvas.Arc(x + size * 0.65, centerY, theme.MarkerRadius, 0, 2 * Math.PI);
                canvas.Fill();
                break;
            default:
                canvas.FillRectangle(x, centerY - size / 2, size, size, colour);
                break;
        }
    }
}
