namespace DeepInsight.Executor.Rendering.Charts.Axes;

public enum AxisSide
{
    Bottom,
    Left,
}

/// <summary>One axis of a cartesian chart, with its labels along the bottom or the left of the plot.</summary>
public interface IChartAxis
{
    /// <summary>How much room (a height at the bottom, a width on the left) the labels need for an axis this long.</summary>
    double Measure(ChartContext ctx, double length, AxisSide side);

    /// <summary>Draws the labels (and grid lines, for value axes) of the final plot box.</summary>
    void Draw(ChartContext ctx, Box plot, AxisSide side);
}
