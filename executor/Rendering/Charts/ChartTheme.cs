using DeepInsight.Executor.Rendering.Canvas;

namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>Fonts, colours and spacing of a chart, scaled with its size so small and large charts look alike.</summary>
public sealed class ChartTheme
{
    public const string Family = "NanumGothic";

    public double Scale { get; }
    public TextStyle Title { get; }
    public TextStyle AxisTitle { get; }
    public TextStyle Tick { get; }
    public TextStyle Legend { get; }
    public TextStyle ValueLabel { get; }
    public double Padding => 24 * Scale;
    public double Gap => 8 * Scale;
    public double LineWidth => 2.5 * Scale;
    public double MarkerRadius => 4 * Scale;

    public Color Text { get; } = Color.FromHex("#222222");
    public Color MutedText { get; } = Color.FromHex("#555555");
    public Color Axis { get; } = Color.FromHex("#8A8A8A");
    public Color Grid { get; } = Color.FromHex("#E4E4E4");

    public ChartTheme(int width, int height)
    {
        // 1200 × 800 is the reference size; text stays legible on small charts and in proportion on large ones.
        Scale = Math.Clamp(Math.Min(width / 1200.0, height / 800.0), 0.6, 4);
        Title = new TextStyle(Family, 24 * Scale) { Bold = true, Alignment = TextAlignment.Center };
        AxisTitle = new TextStyle(Family, 16 * Scale) { Bold = true };
        Tick = new TextStyle(Family, 14 * Scale);
        Legend = new TextStyle(Family, 14 * Scale);
        ValueLabel = new TextStyle(Family, 12.5 * Scale);
    }
}
