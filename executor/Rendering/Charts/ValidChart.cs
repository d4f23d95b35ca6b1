namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>A chart that passed validation: every list present, lengths consistent, numbers finite.</summary>
public sealed record ValidChart(
    ChartType Type,
    string Title,
    string XLabel,
    string YLabel,
    IReadOnlyList<string> Categories,
    IReadOnlyList<SeriesData> Series,
    int Width,
    int Height,
    bool ValueLabels);

/// <summary>One series; <see cref="X"/> is present for scatter charts only.</summary>
public sealed record SeriesData(string Name, double[] Values, double[]? X);
