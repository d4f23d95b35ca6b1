using ScottPlot;

namespace DeepInsight.Executor.Rendering.Charts.Plots;

/// <summary>Line and area charts: one line per series over the categories; areas are filled down to zero.</summary>
public static class LineChart
{
    private const double AreaOpacity = 0.25;

    public static void Add(Plot plot, ValidChart chart, bool filled)
    {
        var xs = Enumerable.Range(0, chart.Categories.Count).Select(i => (double)i).ToArray();
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var colour = Palette.Series(s);
            var line = plot.Add.Scatter(xs, series.Values, colour);
            line.LegendText = series.Name;
            line.LineWidth = ChartStyle.LineWidth;
            line.MarkerSize = xs.Length <= 60 ? ChartStyle.MarkerSize * 0.8f : 0;
            if (filled)
            {
                line.FillY = true;
                line.FillYValue = 0;
                line.FillYColor = colour.WithAlpha(AreaOpacity);
            }
            ChartAxes.Assign(plot, line, series);
            PointMarks.Add(plot, chart, series, xs, colour, line.Axes);
        }
        ChartAxes.Categories(plot, plot.Axes.Bottom, chart.Categories, chart);
        ChartAxes.LeftAndRightValues(plot, chart, s => s.Values.Append(0));
        if (chart.Series.Count > 1) ChartStyle.ShowLegendAbove(plot);
    }
}
