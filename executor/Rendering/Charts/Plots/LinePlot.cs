using DeepInsight.Executor.Rendering.Charts.Axes;

namespace DeepInsight.Executor.Rendering.Charts.Plots;

/// <summary>Line charts over the categories; area charts fill each series down to zero.</summary>
public static class LinePlot
{
    // Beyond this many points the markers would merge into a thick line.
    private const int MaxMarkedPoints = 60;

    public static void Draw(ChartContext ctx, Box area, bool filled)
    {
        var chart = ctx.Chart;
        var theme = ctx.Theme;
        var data = chart.Series.SelectMany(s => s.Values);
        var headroom = chart.ValueLabels ? 0.08 : 0;
        var values = filled ? ValueAxis.FromZero(data, headroom) : ValueAxis.Spanning(data, headroom);
        var categories = new CategoryAxis(chart.Categories);
        var frame = new CartesianFrame(ctx, area, categories, values);
        frame.DrawAxes(ctx);

        var plot = frame.Plot;
        var canvas = ctx.Canvas;
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s].Values;
            var colour = Palette.Series(s);
            var points = series.Select((v, i) => (X: categories.Center(i, plot, AxisSide.Bottom), Y: values.Position(v, plot, AxisSide.Left))).ToArray();
            if (filled)
            {
                var zero = values.Position(0, plot, AxisSide.Left);
                canvas.MoveTo(points[0].X, zero);
                foreach (var (x, y) in points) canvas.LineTo(x, y);
                canvas.LineTo(points[^1].X, zero);
                canvas.ClosePath();
                canvas.SetColor(colour.WithAlpha(0.22));
                canvas.Fill();
            }
            canvas.MoveTo(points[0].X, points[0].Y);
            foreach (var (x, y) in points.Skip(1)) canvas.LineTo(x, y);
            canvas.SetColor(colour);
            canvas.SetLineWidth(theme.LineWidth);
            canvas.Stroke();
            if (points.Length <= MaxMarkedPoints)
                foreach (var (x, y) in points) Marker.Dot(ctx, x, y, colour);
            if (chart.ValueLabels) DrawValueLabels(ctx, values, series, points, categories.BandWidth(plot, AxisSide.Bottom));
        }
        frame.DrawAxisLines(ctx);
    }

    private static void DrawValueLabels(ChartContext ctx, ValueAxis axis, double[] series, (double X, double Y)[] points, double band)
    {
        var labels = series.Select(v => ctx.Text(axis.Formatter.FormatValue(v), ctx.Theme.ValueLabel)).ToArray();
        // Label every n-th point so neighbouring labels keep apart.
        var step = Math.Max(1, (int)Math.Ceiling(labels.Max(l => l.Width) * 1.1 / band));
        for (var i = 0; i < points.Length; i += step)
            ctx.Canvas.DrawText(labels[i], points[i].X - labels[i].Width / 2, points[i].Y - ctx.Theme.Gap - labels[i].Height, ctx.Theme.Text);
    }
}
