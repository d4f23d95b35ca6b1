using DeepInsight.Executor.Rendering.Charts;

namespace DeepInsight.Executor.Tests.Rendering;

public sealed class AxisNumberTests
{
    [Theory]
    [InlineData(0, 97, 5, 0, 100, 20)]
    [InlineData(0, 3_050_000, 5, 0, 4_000_000, 1_000_000)]
    [InlineData(-3, 7, 5, -4, 8, 2)]
    [InlineData(0.1, 0.34, 4, 0.1, 0.4, 0.1)]
    public void Ticks_fall_on_1_2_5_steps(double low, double high, int target, double min, double max, double step)
    {
        var scale = NiceScale.Covering(low, high, target);
        Assert.Equal((min, max, step), (scale.Min, scale.Max, scale.Step), new ToleranceComparer());
        Assert.All(scale.Ticks, t => Assert.Equal(t, Math.Round(t / step) * step, 9));
    }

    [Fact]
    public void Flat_data_still_gets_a_range()
    {
        var scale = NiceScale.Covering(5, 5, 5);
        Assert.True(scale.Min < 5 && scale.Max > 5);
    }

    [Theory]
    [InlineData(1234, 2000, 500, "1,234")]
    [InlineData(250_000, 300_000, 50_000, "25만")]
    [InlineData(12_345_678, 20_000_000, 5_000_000, "1,235만")]
    [InlineData(250_000_000, 300_000_000, 50_000_000, "2.5억")]
    public void Values_use_separators_and_korean_units(double value, double largest, double step, string expected) =>
        Assert.Equal(expected, new ValueFormatter(largest, step).FormatValue(value));

    [Fact]
    public void Ticks_share_their_decimals()
    {
        var formatter = new ValueFormatter(1_500_000, 250_000);
        Assert.Equal(["0", "25만", "50만", "150만"], new[] { 0, 250_000, 500_000, 1_500_000 }.Select(v => formatter.FormatTick(v)));
        Assert.Equal("0.5", new ValueFormatter(2, 0.5).FormatTick(0.5));
    }

    private sealed class ToleranceComparer : IEqualityComparer<(double, double, double)>
    {
        public bool Equals((double, double, double) a, (double, double, double) b) =>
            Math.Abs(a.Item1 - b.Item1) < 1e-9 && Math.Abs(a.Item2 - b.Item2) < 1e-9 && Math.Abs(a.Item3 - b.Item3) < 1e-9;

        public int GetHashCode((double, double, double) value) => 0;
    }
}
