using DeepInsight.Executor.Rendering.Charts.Axes;

namespace DeepInsight.Executor.Rendering.Charts.Plots;

/// <summary>Scatter charts: each series' (x, value) pairs on two numeric axes.</summary>
public static class ScatterPlot
{
    public static void Draw(ChartContext ctx, Box area)
    {
        var chart = ctx.Chart;
        // A marker and its ring reach this far from their point; the axes keep the points that far in.
        var reach = Marker.Reach(ctx.Theme) + ctx.Theme.Gap / 2;
        var xAxis = ValueAxis.Spanning(chart.Series.SelectMany(s => s.X!), margin: reach);
        var yAxis = ValueAxis.Spanning(chart.Series.SelectMany(s => s.Values), margin: reach);
        var frame = new CartesianFrame(ctx, area, xAxis, yAxis);
        frame.DrawAxes(ctx);

        var plot = frame.Plot;
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var colour = Palette.Series(s).WithAlpha(0.75);
            for (var i = 0; i < series.Values.Length; i++)
                Marker.Dot(ctx, xAxis.Position(series.X![i], plot, AxisSide.Bottom), yAxis.Position(series.Values[i], plot, AxisSide.Left), colour);
        }
        frame.DrawAxisLines(ctx);
    }
}
