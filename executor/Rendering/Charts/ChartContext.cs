using DeepInsight.Executor.Rendering.Canvas;

namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>
/// What every part of a chart draws with: the canvas, the theme and the chart. Text layouts made
/// through it live until the chart is finished, so measuring and drawing can share them.
/// </summary>
public sealed class ChartContext(CanvasContext canvas, ChartTheme theme, ValidChart chart) : IDisposable
{
    private readonly List<TextLayout> _layouts = [];

    public CanvasContext Canvas { get; } = canvas;
    public ChartTheme Theme { get; } = theme;
    public ValidChart Chart { get; } = chart;

    public TextLayout Text(string text, TextStyle style)
    {
        var layout = Canvas.CreateText(text, style);
        _layouts.Add(layout);
        return layout;
    }

    /// <summary>Draws text centred on (x, y).</summary>
    public void DrawCentered(TextLayout layout, double x, double y, Color colour) =>
        Canvas.DrawText(layout, x - layout.Width / 2 - layout.OffsetX, y - layout.Height / 2, colour);

    public void Dispose()
    {
        foreach (var layout in _layouts) layout.Dispose();
    }
}
