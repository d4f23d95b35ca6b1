using ScottPlot;
using ScottPlot.TickGenerators;

namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>The axes of charts that have them: category labels along one side, formatted values along the others.</summary>
public static class ChartAxes
{
    // Tilted labels read downwards to the left of their tick, as in spreadsheet charts.
    private const float TiltDegrees = -35;

    /// <summary>
    /// <paramref name="labels"/> at 0, 1, ... along <paramref name="axis"/>, with no grid lines
    /// across them; bottom labels are tilted when laid side by side they would run into each other.
    /// </summary>
    public static void Categories(Plot plot, IAxis axis, IReadOnlyList<string> labels, ValidChart chart)
    {
        axis.TickGenerator = new NumericManual(Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray(), [.. labels]);
        var horizontal = axis.Edge is Edge.Bottom or Edge.Top;
        (horizontal ? plot.Grid.XAxisStyle : plot.Grid.YAxisStyle).IsVisible = false;
        axis.MajorTickStyle.Length = 0;
        var widest = labels.Select(Ems).DefaultIfEmpty(0).Max() * ChartStyle.TickSize;
        if (!horizontal || !Crowded(widest, labels.Count, chart)) return;
        axis.TickLabelStyle.Rotation = TiltDegrees;
        axis.TickLabelStyle.Alignment = Alignment.MiddleRight;
        // ScottPlot sizes axes for level labels: make room for the tilted ones and the axis title
        // below them, and to the left for the first label, which reaches past the first category.
        var tilt = Math.Abs(TiltDegrees) * Math.PI / 180;
        axis.MinimumSize = (float)(widest * Math.Sin(tilt) + ChartStyle.TickSize * Math.Cos(tilt) + ChartStyle.AxisTitleSize * 1.5);
        var halfCategory = LogicalWidth(chart) * 0.85 / labels.Count / 2;
        plot.Axes.Left.MinimumSize = (float)Math.Max(plot.Axes.Left.MinimumSize, widest * Math.Cos(tilt) - halfCategory);
    }

    /// <summary>Ticks on a value axis labelled with thousands separators and Korean units fitting <paramref name="values"/>.</summary>
    public static void Values(IAxis axis, IEnumerable<double> values)
    {
        var formatter = ValueFormatter.For(values);
        axis.TickGenerator = new NumericAutomatic { LabelFormatter = formatter.FormatTick, TickDensity = 0.7 };
        axis.MinorTickStyle.Length = 0;
    }

    /// <summary>The left value axis, and the right one when some series uses it, each labelled for its own series.</summary>
    public static void LeftAndRightValues(Plot plot, ValidChart chart, Func<SeriesData, IEnumerable<double>> extent)
    {
        Values(plot.Axes.Left, chart.Series.Where(s => !s.OnRightAxis).SelectMany(extent));
        if (!chart.HasRightAxis) return;
        Values(plot.Axes.Right, chart.Series.Where(s => s.OnRightAxis).SelectMany(extent));
        plot.Axes.Right.IsVisible = true;
    }

    /// <summary>The axes a series is drawn against: the plot's left or right value axis.</summary>
    public static void Assign(Plot plot, IPlottable plottable, SeriesData series)
    {
        if (series.OnRightAxis) plottable.Axes.YAxis = plot.Axes.Right;
    }

    /// <summary>Whether labels <paramref name="widest"/> wide would run into each other side by side along the chart's width.</summary>
    private static bool Crowded(double widest, int count, ValidChart chart) => widest > LogicalWidth(chart) * 0.8 / Math.Max(1, count) * 0.9;

    /// <summary>The chart's width in the units ScottPlot lays it out in, before its scale factor.</summary>
    private static double LogicalWidth(ValidChart chart) => chart.Width / ChartStyle.Scale(chart.Width, chart.Height);

    /// <summary>A label's width in ems, roughly: Hangul and other wide characters a full em, the rest about half of one.</summary>
    private static double Ems(string label) => label.Sum(c => c >= '\u1100' ? 1.0 : 0.55);
}
