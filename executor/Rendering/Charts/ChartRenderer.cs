using DeepInsight.Executor.Rendering.Charts.Plots;
using ScottPlot;

namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>Draws a validated chart with ScottPlot: the styled plot, then the plot of its type, written as PNG, SVG or PDF.</summary>
public static class ChartRenderer
{
    /// <summary>Renders <paramref name="chart"/> to <paramref name="path"/> and returns the file's size in bytes.</summary>
    public static long Render(ValidChart chart, ChartFormat format, string path)
    {
        using var plot = Build(chart);
        return ChartFile.Save(plot, format, path, chart.Width, chart.Height, chart.Title.Length > 0 ? chart.Title : null);
    }

    /// <summary>The ScottPlot plot of <paramref name="chart"/>, for a caller to adjust or draw itself.</summary>
    public static Plot Build(ValidChart chart)
    {
        var plot = ChartStyle.NewPlot(chart);
        switch (chart.Type)
        {
            case ChartType.Bar or ChartType.Barh or ChartType.StackedBar: BarChart.Add(plot, chart); break;
            case ChartType.Line: LineChart.Add(plot, chart, filled: false); break;
            case ChartType.Area: LineChart.Add(plot, chart, filled: true); break;
            case ChartType.Scatter: ScatterChart.Add(plot, chart); break;
            case ChartType.Pie: PieChart.Add(plot, chart, donut: false); break;
            case ChartType.Donut: PieChart.Add(plot, chart, donut: true); break;
            case ChartType.Histogram: HistogramChart.Add(plot, chart); break;
            case ChartType.Heatmap: HeatmapChart.Add(plot, chart); break;
            case ChartType.Box: BoxChart.Add(plot, chart); break;
        }
        return plot;
    }
}
