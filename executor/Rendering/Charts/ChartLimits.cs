namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>Bounds on what one chart may ask for, so a request cannot make the server draw without end.</summary>
public static class ChartLimits
{
    public const int MinSize = 100;
    public const int MaxSize = 8000;
    public const int MaxSeries = 200;
    public const int MaxPoints = 100_000;
    public const int MaxTextLength = 1000;
}
