namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>An axis range whose ticks fall on 1, 2 or 5 × 10^n, covering the data.</summary>
public sealed record NiceScale(double Min, double Max, double Step)
{
    /// <summary>A range covering <paramref name="low"/>..<paramref name="high"/> with about <paramref name="targetTicks"/> intervals.</summary>
    public static NiceScale Covering(double low, double high, int targetTicks)
    {
        if (low > high) (low, high) = (high, low);
        if (high - low < 1e-12 * Math.Max(1, Math.Abs(high)))
        {
            // A flat series still needs a visible range around its one value.
            var pad = low == 0 ? 1 : Math.Abs(low) * 0.1;
            (low, high) = (low - pad, high + pad);
        }
        var step = NiceStep((high - low) / Math.Max(1, targetTicks));
        return new NiceScale(Math.Floor(low / step + 1e-9) * step, Math.Ceiling(high / step - 1e-9) * step, step);
    }

    /// <summary>The smallest of 1, 2, 5 × 10^n that is at least <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        var nice = fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2 : fraction <= 5 + 1e-9 ? 5 : 10;
        return nice * magnitude;
    }

    /// <summary>The multiples of <see cref="Step"/> from Min to Max (the ends need not be multiples themselves).</summary>
    public IReadOnlyList<double> Ticks
    {
        get
        {
            var first = Math.Ceiling(Min / Step - 1e-9);
            var count = (int)(Math.Floor(Max / Step + 1e-9) - first);
            // Multiplying rather than accumulating keeps ticks such as 0.3 free of drift.
            return Enumerable.Range(0, count + 1).Select(i => Clean((first + i) * Step)).ToArray();
        }
    }

    /// <summary>Where <paramref name="value"/> falls between Min (0) and Max (1).</summary>
    public double Fraction(double value) => (value - Min) / (Max - Min);

    private double Clean(double value) => Math.Abs(value) < Step * 1e-9 ? 0 : Math.Round(value, 12);
}
