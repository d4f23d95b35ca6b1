namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>
/// A chart as a client describes it (deserialized from snake_case JSON). Nothing here is trusted:
/// <see cref="ChartSpecValidator"/> turns it into a <see cref="ValidChart"/> or explains what is wrong.
/// </summary>
public record ChartSpec
{
    public string? Type { get; init; }
    public string? Title { get; init; }
    public string? XLabel { get; init; }
    public string? YLabel { get; init; }

    /// <summary>The title of the right-hand value axis, which series with <c>axis: "right"</c> use.</summary>
    public string? Y2Label { get; init; }

    /// <summary>Labels along the category axis (pie slices, heatmap columns); optional, defaults to 1..n.</summary>
    public string?[]? Categories { get; init; }
    public ChartSeries?[]? Series { get; init; }
    public int Width { get; init; } = 1200;
    public int Height { get; init; } = 800;

    /// <summary>Print each value next to its bar, point, slice or heatmap cell.</summary>
    public bool ValueLabels { get; init; }
}

public record ChartSeries
{
    public string? Name { get; init; }
    public double[]? Values { get; init; }

    /// <summary>Scatter only: the x coordinate of each value.</summary>
    public double[]? X { get; init; }

    /// <summary>Bar, barh, line, area and scatter: a ± error bar for each value (a standard deviation, a confidence half-width).</summary>
    public double[]? Errors { get; init; }

    /// <summary>"left" (the default) or "right": the value axis this series is drawn against (bar, line, area, scatter).</summary>
    public string? Axis { get; init; }
}
