using ScottPlot;

namespace DeepInsight.Executor.Rendering.Charts.Plots;

/// <summary>Scatter charts: a marker per (x, value) point, one colour per series.</summary>
public static class ScatterChart
{
    private const double MarkerOpacity = 0.75;

    public static void Add(Plot plot, ValidChart chart)
    {
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var colour = Palette.Series(s);
            var points = plot.Add.ScatterPoints(series.X!, series.Values, colour.WithAlpha(MarkerOpacity));
            points.LegendText = series.Name;
            points.MarkerSize = ChartStyle.MarkerSize;
            ChartAxes.Assign(plot, points, series);
            PointMarks.Add(plot, chart, series, series.X!, colour, points.Axes);
        }
        ChartAxes.Values(plot.Axes.Bottom, chart.Series.SelectMany(s => s.X!));
        ChartAxes.LeftAndRightValues(plot, chart, s => s.Values);
        if (chart.Series.Count > 1) ChartStyle.ShowLegendAbove(plot);
    }
}
