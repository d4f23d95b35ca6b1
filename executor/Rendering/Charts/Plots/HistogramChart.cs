using ScottPlot;
using ScottPlot.Statistics;

namespace DeepInsight.Executor.Rendering.Charts.Plots;

/// <summary>Histograms: every series counted in the same bins, drawn over one another, translucent.</summary>
public static class HistogramChart
{
    private const int MaxBins = 200;
    private const double OverlayOpacity = 0.6;

    public static void Add(Plot plot, ValidChart chart)
    {
        var all = chart.Series.SelectMany(s => s.Values).ToArray();
        var (min, max) = (all.Min(), all.Max());
        if (max - min < 1e-12 * Math.Max(1, Math.Abs(max))) (min, max) = (min - 0.5, max + 0.5);
        var bins = BinCount(all, min, max);
        // The last edge just past the maximum, so the largest value is counted in the last bin.
        var end = max + (max - min) / bins * 1e-6;
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var histogram = Histogram.WithBinCount(bins, min, end);
            histogram.AddRange(chart.Series[s].Values);
            var colour = Palette.Series(s);
            var bars = plot.Add.Histogram(histogram, chart.Series.Count > 1 ? colour.WithAlpha(OverlayOpacity) : colour);
            foreach (var bar in bars.Bars) bar.LineWidth = 0;
            if (chart.Series.Count > 1) plot.Legend.ManualItems.Add(new LegendItem { LabelText = chart.Series[s].Name, FillColor = colour });
        }
        ChartAxes.Values(plot.Axes.Bottom, all);
        plot.Axes.Margins(bottom: 0);
        if (chart.Series.Count > 1) ChartStyle.ShowLegendAbove(plot);
    }

    /// <summary>
    /// The Freedman–Diaconis bin width (robust to outliers), or Sturges' rule when the
    /// interquartile range is zero, as a number of bins over the data's range.
    /// </summary>
    private static int BinCount(double[] values, double min, double max)
    {
        var iqr = Descriptive.Percentile(values, 75) - Descriptive.Percentile(values, 25);
        var width = iqr > 0 ? 2 * iqr / Math.Cbrt(values.Length) : 0;
        var count = width > 0 ? Math.Ceiling((max - min) / width) : Math.Ceiling(Math.Log2(values.Length)) + 1;
        return (int)Math.Clamp(count, 1, MaxBins);
    }
}
