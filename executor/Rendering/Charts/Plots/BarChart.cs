using ScottPlot;

namespace DeepInsight.Executor.Rendering.Charts.Plots;

/// <summary>Bar, barh and stacked_bar: one group of bars per category, or one stack per category.</summary>
public static class BarChart
{
    // The share of a category's width its bars take; the rest separates the groups.
    private const double GroupWidth = 0.8;

    public static void Add(Plot plot, ValidChart chart)
    {
        var horizontal = chart.Type == ChartType.Barh;
        var stacked = chart.Type == ChartType.StackedBar;
        var count = chart.Categories.Count;
        var (above, below) = (new double[count], new double[count]);
        var barWidth = stacked ? GroupWidth : GroupWidth / chart.Series.Count;
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var formatter = ValueFormatter.For(series.Values);
            var bars = new List<Bar>(count);
            for (var i = 0; i < count; i++)
            {
                var value = series.Values[i];
                // Horizontal bars list the first category at the top, as a table would.
                var slot = horizontal ? count - 1 - i : i;
                var start = 0.0;
                if (stacked)
                {
                    var tops = value >= 0 ? above : below;
                    start = tops[i];
                    tops[i] += value;
                }
                bars.Add(new Bar
                {
                    Position = stacked ? slot : slot - GroupWidth / 2 + barWidth * (s + 0.5),
                    ValueBase = start,
                    Value = start + value,
                    Size = barWidth * (stacked ? 1 : 0.94),
                    FillColor = Palette.Series(s),
                    LineWidth = 0,
                    Orientation = horizontal ? Orientation.Horizontal : Orientation.Vertical,
                    Label = chart.ValueLabels ? formatter.FormatValue(value) : "",
                    CenterLabel = stacked,
                });
            }
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = series.Name;
            plottable.ValueLabelStyle.FontName = ChartStyle.Family;
            plottable.ValueLabelStyle.FontSize = ChartStyle.ValueSize;
            plottable.ValueLabelStyle.ForeColor = stacked ? Colors.White : ChartStyle.Text;
            ChartAxes.Assign(plot, plottable, series);
            if (series.Errors is { } errors)
                PointMarks.AddErrorBars(plot, bars.Select(b => b.Position).ToArray(), bars.Select(b => b.Value).ToArray(), errors, ChartStyle.Text, plottable.Axes, horizontal);
        }

        var categories = horizontal ? chart.Categories.Reverse().ToArray() : chart.Categories;
        ChartAxes.Categories(plot, horizontal ? plot.Axes.Left : plot.Axes.Bottom, categories, chart);
        // Stacks are measured by their totals, so the axis units fit the tallest stack.
        Func<SeriesData, IEnumerable<double>> extent = stacked ? _ => above.Concat(below) : s => s.Values;
        if (horizontal) ChartAxes.Values(plot.Axes.Bottom, chart.Series.SelectMany(extent));
        else ChartAxes.LeftAndRightValues(plot, chart, extent);
        // Bars grow from zero: no margin between the axis and the bars' base.
        if (horizontal) plot.Axes.Margins(left: 0);
        else plot.Axes.Margins(bottom: 0);
        if (chart.Series.Count > 1) ChartStyle.ShowLegendAbove(plot);
    }
}
