using DeepInsight.Executor.Rendering.Canvas;
using DeepInsight.Executor.Rendering.Charts.Axes;

namespace DeepInsight.Executor.Rendering.Charts.Plots;

/// <summary>Heatmaps: one row per series, one column per category, with a colour bar on the right.</summary>
public static class HeatmapPlot
{
    private const int ColourBarSteps = 64;

    public static void Draw(ChartContext ctx, Box area)
    {
        var chart = ctx.Chart;
        var theme = ctx.Theme;
        var all = chart.Series.SelectMany(s => s.Values).ToArray();
        var (min, max) = (all.Min(), all.Max());
        var span = max > min ? max - min : 1;
        var legendScale = NiceScale.Covering(min, max, 4);
        var formatter = ValueFormatter.For(legendScale);
        var barWidth = 18 * theme.Scale;
        var tickLabels = legendScale.Ticks.Where(t => t >= min && t <= max).Select(t => (Value: t, Label: ctx.Text(formatter.FormatTick(t), theme.Tick))).ToList();
        var legendWidth = barWidth + theme.Gap + tickLabels.Select(t => t.Label.Width).DefaultIfEmpty(0).Max();

        var columns = new CategoryAxis(chart.Categories);
        var rows = new CategoryAxis(chart.Series.Select(s => s.Name).ToArray());
        var frame = new CartesianFrame(ctx, area.TrimRight(legendWidth + theme.Padding), columns, rows);
        frame.DrawAxes(ctx);

        var plot = frame.Plot;
        var cellWidth = columns.BandWidth(plot, AxisSide.Bottom);
        var cellHeight = rows.BandWidth(plot, AxisSide.Left);
        var border = cellWidth > 6 && cellHeight > 6;
        for (var r = 0; r < chart.Series.Count; r++)
            for (var c = 0; c < chart.Categories.Count; c++)
            {
                var value = chart.Series[r].Values[c];
                var fill = Palette.Sequential((value - min) / span);
                var (x, y) = (plot.X + c * cellWidth, plot.Y + r * cellHeight);
                ctx.Canvas.FillRectangle(x, y, cellWidth, cellHeight, fill);
                if (border) ctx.Canvas.StrokeLine(x, y, x + cellWidth, y, Color.White, 1);
                if (!chart.ValueLabels) continue;
                var label = ctx.Text(formatter.FormatValue(value), theme.ValueLabel);
                if (label.Width + 4 <= cellWidth && label.Height + 2 <= cellHeight)
                    ctx.DrawCentered(label, x + cellWidth / 2, y + cellHeight / 2, fill.Luminance > 0.5 ? theme.Text : Color.White);
            }

        DrawColourBar(ctx, new Box(plot.Right + theme.Padding, plot.Y, barWidth, plot.Height), tickLabels, min, span);
    }

    private static void DrawColourBar(ChartContext ctx, Box bar, List<(double Value, TextLayout Label)> ticks, double min, double span)
    {
        var step = bar.Height / ColourBarSteps;
        // Highest values at the top; each slice overlaps the next by a hair to avoid seams.
        for (var i = 0; i < ColourBarSteps; i++)
            ctx.Canvas.FillRectangle(bar.X, bar.Bottom - (i + 1) * step, bar.Width, step + 0.5, Palette.Sequential((i + 0.5) / ColourBarSteps));
        foreach (var (value, label) in ticks)
        {
            var y = bar.Bottom - (value - min) / span * bar.Height;
            ctx.Canvas.StrokeLine(bar.Right, y, bar.Right + ctx.Theme.Gap / 2, y, ctx.Theme.Axis, 1);
            ctx.Canvas.DrawText(label, bar.Right + ctx.Theme.Gap, y - label.Height / 2, ctx.Theme.MutedText);
        }
    }
}
