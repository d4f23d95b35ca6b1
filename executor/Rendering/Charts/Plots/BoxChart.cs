using ScottPlot;

namespace DeepInsight.Executor.Rendering.Charts.Plots;

/// <summary>Box plots: one box per series (see <see cref="BoxSummary"/>), labelled with the series' names, outliers as open circles.</summary>
public static class BoxChart
{
    private const double BoxOpacity = 0.55;

    public static void Add(Plot plot, ValidChart chart)
    {
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var values = chart.Series[s].Values;
            var summary = BoxSummary.Of(values);
            var colour = Palette.Series(s);
            plot.Add.Box(new Box
            {
                Position = s,
                BoxMin = summary.Q1,
                BoxMax = summary.Q3,
                BoxMiddle = summary.Median,
                WhiskerMin = summary.WhiskerLow,
                WhiskerMax = summary.WhiskerHigh,
                FillColor = colour.WithAlpha(BoxOpacity),
                LineColor = ChartStyle.Text,
                LineWidth = 1.5f,
            });
            if (summary.Outliers.Length > 0)
                plot.Add.Markers(summary.Outliers.Select(_ => (double)s).ToArray(), summary.Outliers, MarkerShape.OpenCircle, ChartStyle.MarkerSize, colour);
            if (chart.ValueLabels)
                ChartStyle.AddValueLabel(plot, ValueFormatter.For(values).FormatValue(summary.Median), s + 0.42, summary.Median, Alignment.MiddleLeft, ChartStyle.Text);
        }
        ChartAxes.Categories(plot, plot.Axes.Bottom, chart.Series.Select(s => s.Name).ToArray(), chart);
        ChartAxes.Values(plot.Axes.Left, chart.Series.SelectMany(s => s.Values));
    }
}
