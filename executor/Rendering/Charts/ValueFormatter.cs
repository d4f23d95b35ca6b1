using System.Globalization;

namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>
/// Formats numbers for one axis: thousands separators, and for large magnitudes the Korean units
/// 만 (10^4) and 억 (10^8), so 250,000,000 reads "2.5억" rather than a row of zeros.
/// </summary>
public sealed class ValueFormatter
{
    private readonly double _divisor;
    private readonly string _unit;
    private readonly int _tickDecimals;

    /// <summary>A formatter for values up to <paramref name="largestMagnitude"/> shown in ticks <paramref name="step"/> apart.</summary>
    public ValueFormatter(double largestMagnitude, double step)
    {
        (_divisor, _unit) = largestMagnitude switch
        {
            >= 1e8 => (1e8, "억"),
            >= 1e5 => (1e4, "만"),
            _ => (1.0, ""),
        };
        var scaledStep = step / _divisor;
        _tickDecimals = scaledStep >= 1 ? 0 : Math.Min(6, (int)Math.Ceiling(-Math.Log10(scaledStep) - 1e-9));
    }

    public static ValueFormatter For(NiceScale scale) => new(Math.Max(Math.Abs(scale.Min), Math.Abs(scale.Max)), scale.Step);

    /// <summary>A tick label: as many decimals as the step needs, all ticks alike.</summary>
    public string FormatTick(double value) => Format(value, _tickDecimals, trimZeros: false);

    /// <summary>A data label: one decimal for small scaled values, whole numbers otherwise.</summary>
    public string FormatValue(double value)
    {
        var scaled = Math.Abs(value / _divisor);
        var decimals = _divisor == 1 && value == Math.Round(value) ? 0 : scaled >= 100 ? 0 : scaled >= 1 ? 1 : 2;
        return Format(value, decimals, trimZeros: true);
    }

    private string Format(double value, int decimals, bool trimZeros)
    {
        if (value == 0) return "0";
        var text = (value / _divisor).ToString("N" + decimals, CultureInfo.InvariantCulture);
        if (trimZeros && text.Contains('.')) text = text.TrimEnd('0').TrimEnd('.');
        return text == "0" || text == "-0" ? "0" : text + _unit;
    }
}
