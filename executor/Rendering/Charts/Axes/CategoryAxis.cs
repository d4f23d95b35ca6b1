using DeepInsight.Executor.Rendering.Canvas;

namespace DeepInsight.Executor.Rendering.Charts.Axes;

/// <summary>
/// An axis of equal bands, one per category. Labels never overlap: along the bottom they stay
/// horizontal when they fit, wrap onto two lines when that suffices, and otherwise turn 45° with
/// only every n-th label shown when even that is too dense; on the left they wrap or are shortened.
/// </summary>
public sealed class CategoryAxis(IReadOnlyList<string> labels) : IChartAxis
{
    private const double Diagonal = 0.70710678118654757; // sin 45° = cos 45°

    private List<TextLayout> _layouts = [];
    private bool _rotated;
    private int _step = 1;
    private double _wrapWidth;

    public int Count => labels.Count;

    public double BandWidth(Box plot, AxisSide side) => (side == AxisSide.Bottom ? plot.Width : plot.Height) / Count;

    public double Center(int index, Box plot, AxisSide side) => side == AxisSide.Bottom
        ? plot.X + (index + 0.5) * BandWidth(plot, side)
        : plot.Y + (index + 0.5) * BandWidth(plot, side);

    public double Measure(ChartContext ctx, double length, AxisSide side) =>
        side == AxisSide.Bottom ? PlanBottom(ctx, length / Count) : PlanLeft(ctx, length / Count);

    private double PlanBottom(ChartContext ctx, double band)
    {
        var theme = ctx.Theme;
        var style = theme.Tick;
        var single = labels.Select(l => ctx.Text(l, style)).ToList();
        var lineHeight = single[0].Height;
        var widest = single.Max(l => l.Width);
        var room = band * 0.92;
        (_rotated, _step) = (false, 1);
        if (widest <= room)
        {
            _layouts = single;
            return lineHeight + theme.Gap;
        }
        if (room >= 3.5 * style.Size)
        {
            var wrapped = labels.Select(l => ctx.Text(l, style with { WrapWidth = room, Alignment = TextAlignment.Center })).ToList();
            if (wrapped.All(l => l.LineCount <= 2))
            {
                _layouts = wrapped;
                return wrapped.Max(l => l.Height) + theme.Gap;
            }
        }
        // Diagonal labels: shortened to about a quarter of the chart's height, spaced a line apart.
        _rotated = true;
        var longest = Math.Min(widest, ctx.Chart.Height * 0.25 / Diagonal);
        _layouts = widest <= longest ? single : labels.Select(l => ctx.Text(l, style with { WrapWidth = longest, MaxLines = 1 })).ToList();
        _step = Math.Max(1, (int)Math.Ceiling(lineHeight * 1.15 / (band * Diagonal)));
        return _layouts.Max(l => l.Width) * Diagonal + lineHeight * Diagonal + theme.Gap;
    }

    private double PlanLeft(ChartContext ctx, double band)
    {
        var theme = ctx.Theme;
        var lineHeight = ctx.Text("가", theme.Tick).Height;
        _wrapWidth = ctx.Chart.Width * 0.25;
        var lines = band >= 2.2 * lineHeight ? 2 : 1;
        var style = theme.Tick with { WrapWidth = _wrapWidth, MaxLines = lines, Alignment = TextAlignment.Right };
        _layouts = labels.Select(l => ctx.Text(l, style)).ToList();
        _step = Math.Max(1, (int)Math.Ceiling(lineHeight * 1.05 / band));
        return _layouts.Max(l => l.Width) + theme.Gap;
    }

    public void Draw(ChartContext ctx, Box plot, AxisSide side)
    {
        var theme = ctx.Theme;
        for (var i = 0; i < Count; i += _step)
        {
            var label = _layouts[i];
            var center = Center(i, plot, side);
            if (side == AxisSide.Left)
                ctx.Canvas.DrawText(label, plot.X - theme.Gap - _wrapWidth, center - label.Height / 2, theme.MutedText);
            else if (_rotated)
                // Turned -45° about the tick so the label ends at its category and runs down to the left.
                ctx.Canvas.DrawText(label, center, plot.Bottom + theme.Gap / 2 + label.Height * Diagonal / 2, theme.MutedText, -Math.PI / 4, -label.Width - label.OffsetX, -label.Height / 2);
            else
                ctx.Canvas.DrawText(label, center - label.Width / 2 - label.OffsetX, plot.Bottom + theme.Gap / 2, theme.MutedText);
        }
    }
}
