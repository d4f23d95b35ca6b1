namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>A chart that passed validation: every list present, lengths consistent, numbers finite.</summary>
public sealed record ValidChart(
    ChartType Type,
    string Title,
    string XLabel,
    string YLabel,
    string Y2Label,
    IReadOnlyList<string> Categories,
    IReadOnlyList<SeriesData> Series,
    int Width,
    int Height,
    bool ValueLabels)
{
    /// <summary>Some series is drawn against the right-hand value axis.</summary>
    public bool HasRightAxis => Series.Any(s => s.OnRightAxis);
}

/// <summary>
/// One series; <see cref="X"/> is present for scatter charts only, <see cref="Errors"/> when error
/// bars were given (one per value, not negative).
/// </summary>
public sealed record SeriesData(string Name, double[] Values, double[]? X, double[]? Errors = null, bool OnRightAxis = false);
