namespace DeepInsight.Executor.Rendering.Charts.Plots;

/// <summary>
/// What a box plot draws of a sample (Tukey's): the quartiles (interpolated, as numpy's default),
/// whiskers at the furthest values within 1.5 interquartile ranges of the box, and the values
/// beyond them as outliers.
/// </summary>
public sealed record BoxSummary(double Q1, double Median, double Q3, double WhiskerLow, double WhiskerHigh, double[] Outliers)
{
    private const double Fence = 1.5;

    public static BoxSummary Of(double[] values)
    {
        var sorted = values.Order().ToArray();
        var (q1, median, q3) = (Quantile(sorted, 0.25), Quantile(sorted, 0.5), Quantile(sorted, 0.75));
        var (low, high) = (q1 - Fence * (q3 - q1), q3 + Fence * (q3 - q1));
        // Never empty: the values nearest the median lie between the quartiles, inside the fences.
        var inside = values.Where(v => v >= low && v <= high).ToArray();
        return new BoxSummary(q1, median, q3, inside.Min(), inside.Max(), values.Where(v => v < low || v > high).ToArray());
    }

    /// <summary>
    /// Linear interpolation between the closest ranks (numpy's default, R's type 7). ScottPlot's
    /// Descriptive.Percentile takes the nearest rank, which moves a small sample's box by whole values.
    /// </summary>
    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
