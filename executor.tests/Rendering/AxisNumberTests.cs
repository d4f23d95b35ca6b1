using DeepInsight.Executor.Rendering.Charts;

namespace DeepInsight.Executor.Tests.Rendering;

public sealed class AxisNumberTests
{
    [Theory]
    [InlineData(1234, 2000, "1,234")]
    [InlineData(250_000, 300_000, "25만")]
    [InlineData(12_345_678, 20_000_000, "1,235만")]
    [InlineData(250_000_000, 300_000_000, "2.5억")]
    public void Values_use_separators_and_korean_units(double value, double largest, string expected) =>
        Assert.Equal(expected, new ValueFormatter(largest).FormatValue(value));

    [Fact]
    public void Ticks_carry_no_more_decimals_than_they_have()
    {
        var formatter = ValueFormatter.For([0, 1_500_000]);
        Assert.Equal(["0", "25만", "50만", "150만"], new[] { 0, 250_000, 500_000, 1_500_000 }.Select(v => formatter.FormatTick(v)));
        Assert.Equal(["0.5", "1", "0.3"], new[] { 0.5, 1, 0.1 + 0.2 }.Select(v => new ValueFormatter(2).FormatTick(v)));
    }
}
