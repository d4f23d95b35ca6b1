using DeepInsight.Executor.Rendering.Canvas;

namespace DeepInsight.Executor.Rendering.Charts.Axes;

/// <summary>
/// Lays out a plot box with one axis below it and one to its left, leaving room for their labels
/// and for the x/y axis titles, and draws those around the plot.
/// </summary>
public sealed class CartesianFrame
{
    private readonly IChartAxis _bottom;
    private readonly IChartAxis _left;
    private readonly Box _area;
    private readonly TextLayout? _xTitle;
    private readonly TextLayout? _yTitle;

    public Box Plot { get; }

    public CartesianFrame(ChartContext ctx, Box area, IChartAxis bottom, IChartAxis left)
    {
        (_area, _bottom, _left) = (area, bottom, left);
        var theme = ctx.Theme;
        var titleStyle = theme.AxisTitle with { Alignment = TextAlignment.Center, MaxLines = 1 };
        var inner = area.TrimTop(theme.Gap).TrimRight(theme.Gap * 3);
        if (ctx.Chart.XLabel.Length > 0)
        {
            _xTitle = ctx.Text(ctx.Chart.XLabel, titleStyle with { WrapWidth = area.Width });
            inner = inner.TrimBottom(_xTitle.Height + theme.Gap);
        }
        if (ctx.Chart.YLabel.Length > 0)
        {
            _yTitle = ctx.Text(ctx.Chart.YLabel, titleStyle with { WrapWidth = area.Height });
            inner = inner.TrimLeft(_yTitle.Height + theme.Gap);
        }
        // The left labels depend on the plot's height and the bottom ones on its width: measure the
        // left with an estimate, then the bottom, then widen the left margin if the final height needs it.
        var leftWidth = left.Measure(ctx, inner.Height * 0.85, AxisSide.Left);
        var plotWidth = inner.Width - leftWidth;
        var bottomHeight = bottom.Measure(ctx, plotWidth, AxisSide.Bottom);
        var plot = new Box(inner.X + leftWidth, inner.Y, plotWidth, inner.Height - bottomHeight);
        var finalLeftWidth = left.Measure(ctx, plot.Height, AxisSide.Left);
        Plot = finalLeftWidth > leftWidth ? plot.TrimLeft(finalLeftWidth - leftWidth) : plot;
    }

    /// <summary>Grid lines, tick labels and axis titles: drawn before the data so the data lies on top.</summary>
    public void DrawAxes(ChartContext ctx)
    {
        _left.Draw(ctx, Plot, AxisSide.Left);
        _bottom.Draw(ctx, Plot, AxisSide.Bottom);
        if (_xTitle is not null)
            ctx.Canvas.DrawText(_xTitle, _area.X, _area.Bottom - _xTitle.Height, ctx.Theme.Text);
        if (_yTitle is not null)
            ctx.Canvas.DrawText(_yTitle, _area.X, Plot.CenterY + _area.Height / 2, ctx.Theme.Text, -Math.PI / 2);
    }

    /// <summary>The left and bottom axis lines, drawn after the data.</summary>
    public void DrawAxisLines(ChartContext ctx)
    {
        var canvas = ctx.Canvas;
        var width = Math.Max(1, ctx.Theme.Scale * 1.2);
        canvas.StrokeLine(Plot.X, Plot.Y, Plot.X, Plot.Bottom, ctx.Theme.Axis, width);
        canvas.StrokeLine(Plot.X, Plot.Bottom, Plot.Right, Plot.Bottom, ctx.Theme.Axis, width);
    }
}
