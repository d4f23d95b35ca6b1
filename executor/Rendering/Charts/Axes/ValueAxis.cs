namespace DeepInsight.Executor.Rendering.Charts.Axes;

/// <summary>A numeric axis with nice ticks, grid lines and formatted (Korean-unit) labels.</summary>
public sealed class ValueAxis : IChartAxis
{
    private readonly double _low;
    private readonly double _high;
    private readonly double _margin;

    public NiceScale Scale { get; private set; }
    public ValueFormatter Formatter { get; private set; }

    /// <param name="margin">Canvas units kept clear between the data and both ends of the axis.</param>
    public ValueAxis(double low, double high, double margin = 0)
    {
        (_low, _high, _margin) = (low, high, margin);
        Scale = NiceScale.Covering(low, high, 5);
        Formatter = ValueFormatter.For(Scale);
    }

    /// <summary>The axis for values that should be measured from zero (bars, areas, counts).</summary>
    public static ValueAxis FromZero(IEnumerable<double> values, double headroom = 0)
    {
        var (low, high) = (0.0, 0.0);
        foreach (var v in values) (low, high) = (Math.Min(low, v), Math.Max(high, v));
        return new ValueAxis(low - Math.Abs(low) * headroom, high + Math.Abs(high) * headroom);
    }

    /// <summary>
    /// The axis spanning the data only (lines, scatter). A <paramref name="margin"/> in canvas
    /// units keeps the extremes off the ends, so markers drawn around them are not cut by the frame.
    /// </summary>
    public static ValueAxis Spanning(IEnumerable<double> values, double headroom = 0, double margin = 0)
    {
        var (low, high) = (double.MaxValue, double.MinValue);
        foreach (var v in values) (low, high) = (Math.Min(low, v), Math.Max(high, v));
        var pad = (high - low) * headroom;
        return new ValueAxis(low, high + pad, margin);
    }

    // Roughly one tick per 90 reference pixels keeps labels apart without a sparse grid.
    private void Fit(ChartContext ctx, double length)
    {
        Scale = NiceScale.Covering(_low, _high, Math.Clamp((int)(length / (90 * ctx.Theme.Scale)), 2, 10));
        if (_margin > 0)
        {
            // The data takes length - 2 × margin, so each end needs this much of the data's range.
            // The ends move out only as far as that: widening to the next nice tick would waste a band.
            var pad = (_high - _low) * _margin / Math.Max(1, length - 2 * _margin);
            Scale = Scale with { Min = Math.Min(Scale.Min, _low - pad), Max = Math.Max(Scale.Max, _high + pad) };
        }
        Formatter = ValueFormatter.For(Scale);
    }

    public double Measure(ChartContext ctx, double length, AxisSide side)
    {
        Fit(ctx, length);
        var labels = Scale.Ticks.Select(t => ctx.Text(Formatter.FormatTick(t), ctx.Theme.Tick)).ToList();
        return (side == AxisSide.Left ? labels.Max(l => l.Width) : labels.Max(l => l.Height)) + ctx.Theme.Gap;
    }

    public void Draw(ChartContext ctx, Box plot, AxisSide side)
    {
        Fit(ctx, side == AxisSide.Left ? plot.Height : plot.Width);
        var theme = ctx.Theme;
        foreach (var tick in Scale.Ticks)
        {
            var at = Position(tick, plot, side);
            // Zero is a baseline worth marking only when the data goes below it.
            var colour = tick == 0 && _low < 0 ? theme.Axis : theme.Grid;
            var label = ctx.Text(Formatter.FormatTick(tick), theme.Tick);
            if (side == AxisSide.Left)
            {
                ctx.Canvas.StrokeLine(plot.X, at, plot.Right, at, colour, Math.Max(1, theme.Scale));
                ctx.Canvas.DrawText(label, plot.X - theme.Gap - label.Width, at - label.Height / 2, theme.MutedText);
            }
            else
            {
                ctx.Canvas.StrokeLine(at, plot.Y, at, plot.Bottom, colour, Math.Max(1, theme.Scale));
                ctx.Canvas.DrawText(label, at - label.Width / 2, plot.Bottom + theme.Gap / 2, theme.MutedText);
            }
        }
    }

    /// <summary>The canvas coordinate of <paramref name="value"/> along this axis.</summary>
    public double Position(double value, Box plot, AxisSide side) => side == AxisSide.Left
        ? plot.Bottom - Scale.Fraction(value) * plot.Height
        : plot.X + Scale.Fraction(value) * plot.Width;
}
