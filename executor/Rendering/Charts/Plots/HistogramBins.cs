namespace DeepInsight.Executor.Rendering.Charts.Plots;

/// <summary>
/// Equal-width bins for a sample: the Freedman–Diaconis width (robust to outliers), or Sturges'
/// rule when the interquartile range is zero, rounded to a 1/2/5 × 10^n width so edges read well.
/// </summary>
public sealed record HistogramBins(double Start, double Width, int Count)
{
    private const int MaxBins = 200;

    public double Edge(int index) => Start + index * Width;

    public static HistogramBins For(IReadOnlyList<double> sample)
    {
        var sorted = sample.Order().ToArray();
        var (min, max) = (sorted[0], sorted[^1]);
        if (max - min < 1e-12 * Math.Max(1, Math.Abs(max)))
            return new HistogramBins(min - 0.5, 1, 1);
        var iqr = Quantile(sorted, 0.75) - Quantile(sorted, 0.25);
        var rough = iqr > 0
            ? 2 * iqr / Math.Cbrt(sorted.Length)
            : (max - min) / (Math.Ceiling(Math.Log2(sorted.Length)) + 1);
        var width = NiceScale.NiceStep(Math.Max(rough, (max - min) / MaxBins));
        var start = Math.Floor(min / width) * width;
        var count = Math.Max(1, (int)Math.Ceiling((max - start) / width - 1e-9));
        // The maximum belongs to the last bin, not one past it.
        if (start + count * width <= max) count++;
        return new HistogramBins(start, width, Math.Min(count, MaxBins));
    }

    public int[] Counts(IEnumerable<double> sample)
    {
        var counts = new int[Count];
        foreach (var value in sample)
            counts[Math.Clamp((int)Math.Floor((value - Start) / Width), 0, Count - 1)]++;
        return counts;
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
