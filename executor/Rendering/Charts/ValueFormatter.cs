using System.Globalization;

namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>
/// Formats the numbers of one value axis: thousands separators, and for large magnitudes the
/// Korean units 만 (10^4) and 억 (10^8), so 250,000,000 reads "2.5억" rather than a row of zeros.
/// </summary>
public sealed class ValueFormatter
{
    // Ticks fall on 1-2-5 steps, so four decimals of the scaled value are more than any tick needs.
    private const int TickDecimals = 4;

    private readonly double _divisor;
    private readonly string _unit;

    /// <summary>A formatter for values up to <paramref name="largestMagnitude"/>.</summary>
    public ValueFormatter(double largestMagnitude) => (_divisor, _unit) = largestMagnitude switch
    {
        >= 1e8 => (1e8, "억"),
        >= 1e5 => (1e4, "만"),
        _ => (1.0, ""),
    };

    public static ValueFormatter For(IEnumerable<double> values) => new(values.Select(Math.Abs).DefaultIfEmpty(0).Max());

    /// <summary>A tick label: no more decimals than the tick has.</summary>
    public string FormatTick(double value) => Format(value, TickDecimals);

    /// <summary>A data label: one decimal for small scaled values, whole numbers otherwise.</summary>
    public string FormatValue(double value)
    {
        var scaled = Math.Abs(value / _divisor);
        var decimals = _divisor == 1 && value == Math.Round(value) ? 0 : scaled >= 100 ? 0 : scaled >= 1 ? 1 : 2;
        return Format(value, decimals);
    }

    private string Format(double value, int decimals)
    {
        if (value == 0) return "0";
        var text = (value / _divisor).ToString("N" + decimals, CultureInfo.InvariantCulture);
        if (text.Contains('.')) text = text.TrimEnd('0').TrimEnd('.');
        return text is "0" or "-0" ? "0" : text + _unit;
    }
}
