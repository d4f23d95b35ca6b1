using DeepInsight.Executor.Rendering.Canvas;
using DeepInsight.Executor.Rendering.Charts.Plots;

namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>Draws a validated chart: background, title, legend, then the plot of its type.</summary>
public static class ChartRenderer
{
    /// <summary>Renders <paramref name="chart"/> to <paramref name="path"/> and returns the file's size in bytes.</summary>
    public static long Render(ValidChart chart, CanvasFormat format, string path)
    {
        using var document = CanvasDocument.Create(format, path, chart.Width, chart.Height, chart.Title.Length > 0 ? chart.Title : null);
        using (var ctx = new ChartContext(document.Canvas, new ChartTheme(chart.Width, chart.Height), chart))
            Draw(ctx);
        return document.Save();
    }

    private static void Draw(ChartContext ctx)
    {
        var chart = ctx.Chart;
        var theme = ctx.Theme;
        ctx.Canvas.FillRectangle(0, 0, chart.Width, chart.Height, Color.White);
        var area = new Box(theme.Padding, theme.Padding, chart.Width - 2 * theme.Padding, chart.Height - 2 * theme.Padding);
        if (chart.Title.Length > 0)
        {
            var title = ctx.Text(chart.Title, theme.Title with { WrapWidth = area.Width, MaxLines = 2 });
            ctx.Canvas.DrawText(title, area.X, area.Y, theme.Text);
            area = area.TrimTop(title.Height + theme.Gap * 1.5);
        }
        if (chart.Series.Count > 1 && chart.Type is not (ChartType.Heatmap or ChartType.Pie or ChartType.Donut))
        {
            var entries = chart.Series.Select((s, i) => new LegendEntry(s.Name, Palette.Series(i))).ToList();
            area = Legend.DrawTop(ctx, area, entries, chart.Type switch
            {
                ChartType.Line => LegendMark.Line,
                ChartType.Scatter => LegendMark.Dot,
                _ => LegendMark.Swatch,
            });
        }
        switch (chart.Type)
        {
            case ChartType.Bar: BarPlot.Draw(ctx, area, horizontal: false, stacked: false); break;
            case ChartType.Barh: BarPlot.Draw(ctx, area, horizontal: true, stacked: false); break;
            case ChartType.StackedBar: BarPlot.Draw(ctx, area, horizontal: false, stacked: true); break;
            case ChartType.Line: LinePlot.Draw(ctx, area, filled: false); break;
            case ChartType.Area: LinePlot.Draw(ctx, area, filled: true); break;
            case ChartType.Scatter: ScatterPlot.Draw(ctx, area); break;
            case ChartType.Pie: PiePlot.Draw(ctx, area, donut: false); break;
            case ChartType.Donut: PiePlot.Draw(ctx, area, donut: true); break;
            case ChartType.Histogram: HistogramPlot.Draw(ctx, area); break;
            case ChartType.Heatmap: HeatmapPlot.Draw(ctx, area); break;
        }
    }
}
