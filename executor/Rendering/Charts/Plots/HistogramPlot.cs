using DeepInsight.Executor.Rendering.Canvas;
using DeepInsight.Executor.Rendering.Charts.Axes;

namespace DeepInsight.Executor.Rendering.Charts.Plots;

/// <summary>Histograms: each series is a sample, counted into shared bins and overlaid.</summary>
public static class HistogramPlot
{
    public static void Draw(ChartContext ctx, Box area)
    {
        var chart = ctx.Chart;
        var bins = HistogramBins.For(chart.Series.SelectMany(s => s.Values).ToArray());
        var counts = chart.Series.Select(s => bins.Counts(s.Values)).ToArray();
        var xAxis = new ValueAxis(bins.Edge(0), bins.Edge(bins.Count));
        var yAxis = ValueAxis.FromZero(counts.SelectMany(c => c.Select(n => (double)n)), chart.ValueLabels ? 0.08 : 0);
        var frame = new CartesianFrame(ctx, area, xAxis, yAxis);
        frame.DrawAxes(ctx);

        var plot = frame.Plot;
        var overlaid = chart.Series.Count > 1;
        for (var s = 0; s < counts.Length; s++)
        {
            var colour = Palette.Series(s).WithAlpha(overlaid ? 0.55 : 0.9);
            for (var b = 0; b < bins.Count; b++)
            {
                if (counts[s][b] == 0) continue;
                var left = xAxis.Position(bins.Edge(b), plot, AxisSide.Bottom);
                var right = xAxis.Position(bins.Edge(b + 1), plot, AxisSide.Bottom);
                var top = yAxis.Position(counts[s][b], plot, AxisSide.Left);
                var canvas = ctx.Canvas;
                canvas.Rectangle(left, top, right - left, plot.Bottom - top);
                canvas.SetColor(colour);
                canvas.FillPreserve();
                canvas.SetColor(Color.White);
                canvas.SetLineWidth(Math.Max(0.5, ctx.Theme.Scale * 0.8));
                canvas.Stroke();
                if (!chart.ValueLabels) continue;
                var label = ctx.Text(counts[s][b].ToString("N0", System.Globalization.CultureInfo.InvariantCulture), ctx.Theme.ValueLabel);
                if (label.Width <= (right - left) * 1.2)
                    canvas.DrawText(label, (left + right - label.Width) / 2, top - ctx.Theme.Gap / 2 - label.Height, ctx.Theme.Text);
            }
        }
        frame.DrawAxisLines(ctx);
    }
}
