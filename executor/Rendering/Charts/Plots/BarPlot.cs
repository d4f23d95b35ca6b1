using DeepInsight.Executor.Rendering.Canvas;
using DeepInsight.Executor.Rendering.Charts.Axes;

namespace DeepInsight.Executor.Rendering.Charts.Plots;

/// <summary>Bar charts: grouped or stacked, vertical or horizontal (categories down the left).</summary>
public static class BarPlot
{
    public static void Draw(ChartContext ctx, Box area, bool horizontal, bool stacked)
    {
        var chart = ctx.Chart;
        var theme = ctx.Theme;
        var headroom = chart.ValueLabels ? 0.08 : 0;
        var values = ValueAxis.FromZero(stacked ? StackTotals(chart) : chart.Series.SelectMany(s => s.Values), headroom);
        var categories = new CategoryAxis(chart.Categories);
        var frame = horizontal ? new CartesianFrame(ctx, area, values, categories) : new CartesianFrame(ctx, area, categories, values);
        var (valueSide, categorySide) = horizontal ? (AxisSide.Bottom, AxisSide.Left) : (AxisSide.Left, AxisSide.Bottom);
        frame.DrawAxes(ctx);

        var plot = frame.Plot;
        var group = categories.BandWidth(plot, categorySide) * 0.8;
        var thickness = stacked ? group : group / chart.Series.Count;
        for (var i = 0; i < categories.Count; i++)
        {
            var (positive, negative) = (0.0, 0.0);
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var value = chart.Series[s].Values[i];
                double from = 0, to = value;
                if (stacked)
                {
                    ref var baseline = ref value >= 0 ? ref positive : ref negative;
                    (from, to) = (baseline, baseline + value);
                    baseline = to;
                }
                var start = categories.Center(i, plot, categorySide) - group / 2 + (stacked ? 0 : s * thickness);
                var a = values.Position(from, plot, valueSide);
                var b = values.Position(to, plot, valueSide);
                var bar = horizontal
                    ? new Box(Math.Min(a, b), start, Math.Abs(b - a), thickness)
                    : new Box(start, Math.Min(a, b), thickness, Math.Abs(b - a));
                var colour = Palette.Series(s);
                ctx.Canvas.FillRectangle(bar.X, bar.Y, bar.Width, bar.Height, colour);
                if (chart.ValueLabels)
                    DrawValueLabel(ctx, values.Formatter.FormatValue(value), bar, colour, horizontal, stacked, value < 0);
            }
        }
        frame.DrawAxisLines(ctx);
    }

    private static IEnumerable<double> StackTotals(ValidChart chart) =>
        Enumerable.Range(0, chart.Categories.Count).SelectMany(i => new[]
        {
            chart.Series.Sum(s => Math.Max(0, s.Values[i])),
            chart.Series.Sum(s => Math.Min(0, s.Values[i])),
        });

    /// <summary>Beyond the bar's end, or for stacked segments inside them; left out where it would not fit.</summary>
    private static void DrawValueLabel(ChartContext ctx, string text, Box bar, Color colour, bool horizontal, bool stacked, bool negative)
    {
        var theme = ctx.Theme;
        var label = ctx.Text(text, theme.ValueLabel);
        if (stacked)
        {
            if (label.Width + 4 > bar.Width || label.Height + 2 > bar.Height) return;
            ctx.DrawCentered(label, bar.CenterX, bar.CenterY, colour.Luminance > 0.5 ? theme.Text : Color.White);
            return;
        }
        var across = horizontal ? label.Height : label.Width;
        if (across > (horizontal ? bar.Height : bar.Width) * 1.6) return;
        var gap = theme.Gap / 2;
        if (horizontal)
            ctx.Canvas.DrawText(label, negative ? bar.X - gap - label.Width : bar.Right + gap, bar.CenterY - label.Height / 2, theme.Text);
        else
            ctx.Canvas.DrawText(label, bar.CenterX - label.Width / 2, negative ? bar.Bottom + gap : bar.Y - gap - label.Height, theme.Text);
    }
}
