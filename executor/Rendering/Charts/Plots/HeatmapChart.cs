using ScottPlot;

namespace DeepInsight.Executor.Rendering.Charts.Plots;

/// <summary>Heatmaps: one row per series (the first at the top), one column per category, with a colour bar on the right.</summary>
public static class HeatmapChart
{
    public static void Add(Plot plot, ValidChart chart)
    {
        var (rows, columns) = (chart.Series.Count, chart.Categories.Count);
        var intensities = new double[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                intensities[r, c] = chart.Series[r].Values[c];
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = Palette.Sequential;
        // Cell centres on whole numbers, so the category ticks fall in the middle of each cell.
        heatmap.CellAlignment = Alignment.MiddleCenter;
        var bar = plot.Add.ColorBar(heatmap);
        ChartAxes.Values(bar.Axis, chart.Series.SelectMany(s => s.Values));
        bar.Axis.TickLabelStyle.FontSize = ChartStyle.TickSize;

        ChartAxes.Categories(plot, plot.Axes.Bottom, chart.Categories, chart);
        ChartAxes.Categories(plot, plot.Axes.Left, chart.Series.Select(s => s.Name).Reverse().ToArray(), chart);
        plot.HideGrid();
        plot.Axes.Margins(0, 0);
        if (chart.ValueLabels) AddValueLabels(plot, chart, heatmap.GetRange());
    }

    private static void AddValueLabels(Plot plot, ValidChart chart, ScottPlot.Range range)
    {
        var formatter = ValueFormatter.For(chart.Series.SelectMany(s => s.Values));
        var span = range.Max > range.Min ? range.Max - range.Min : 1;
        for (var r = 0; r < chart.Series.Count; r++)
            for (var c = 0; c < chart.Categories.Count; c++)
            {
                var value = chart.Series[r].Values[c];
                var fill = Palette.Sequential.GetColor((value - range.Min) / span);
                var text = fill.Luminance > 0.5 ? ChartStyle.Text : Colors.White;
                ChartStyle.AddValueLabel(plot, formatter.FormatValue(value), c, chart.Series.Count - 1 - r, Alignment.MiddleCenter, text);
            }
    }
}
