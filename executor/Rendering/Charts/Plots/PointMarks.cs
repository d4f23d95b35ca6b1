using ScottPlot;

namespace DeepInsight.Executor.Rendering.Charts.Plots;

/// <summary>What charts draw at each point besides the point itself: its ± error bar and its value.</summary>
public static class PointMarks
{
    public static void Add(Plot plot, ValidChart chart, SeriesData series, double[] xs, Color colour, IAxes axes)
    {
        if (series.Errors is { } errors) AddErrorBars(plot, xs, series.Values, errors, colour, axes, horizontal: false);
        if (!chart.ValueLabels) return;
        var formatter = ValueFormatter.For(series.Values);
        for (var i = 0; i < xs.Length; i++)
        {
            var label = ChartStyle.AddValueLabel(plot, formatter.FormatValue(series.Values[i]), xs[i], series.Values[i], Alignment.LowerCenter, ChartStyle.Text, axes);
            label.OffsetY = -8;
        }
    }

    /// <summary>Error bars ± <paramref name="errors"/> around the values at <paramref name="positions"/>, along x when <paramref name="horizontal"/>.</summary>
    public static void AddErrorBars(Plot plot, double[] positions, double[] values, double[] errors, Color colour, IAxes axes, bool horizontal)
    {
        var none = new double[errors.Length];
        var bars = horizontal
            ? new ScottPlot.Plottables.ErrorBar(values, positions, errors, errors, none, none)
            : new ScottPlot.Plottables.ErrorBar(positions, values, none, none, errors, errors);
        plot.Add.Plottable(bars);
        bars.Color = colour;
        bars.LineWidth = 1.5f;
        bars.Axes.YAxis = axes.YAxis;
    }
}
