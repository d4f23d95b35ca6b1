using DeepInsight.Executor.Rendering;
using DeepInsight.Executor.Rendering.Charts;

namespace DeepInsight.Executor.Tests.Rendering;

public sealed class ChartSpecValidatorTests
{
    private static ChartSpec Bar(params double[] values) => new()
    {
        Type = "bar",
        Categories = values.Select((_, i) => $"항목 {i}").ToArray(),
        Series = [new ChartSeries { Name = "매출", Values = values }],
    };

    private static string Problem(ChartSpec spec) => Assert.Throws<RenderValidationException>(() => ChartSpecValidator.Validate(spec)).Message;

    [Fact]
    public void Valid_spec_is_normalised()
    {
        var chart = ChartSpecValidator.Validate(Bar(1, 2, 3) with { Type = "STACKED_BAR", Title = "  제목 " });
        Assert.Equal(ChartType.StackedBar, chart.Type);
        Assert.Equal("제목", chart.Title);
        Assert.Equal(3, chart.Categories.Count);
    }

    [Fact]
    public void Categories_default_to_positions()
    {
        var chart = ChartSpecValidator.Validate(Bar(1, 2) with { Categories = null });
        Assert.Equal(["1", "2"], chart.Categories);
    }

    [Theory]
    [InlineData("bubble", "unknown chart type 'bubble'")]
    [InlineData(null, "type is missing")]
    public void Type_must_be_known(string? type, string expected) => Assert.Contains(expected, Problem(Bar(1) with { Type = type }));

    [Fact]
    public void Lengths_must_agree() =>
        Assert.Contains("has 2 values but there are 3 categories", Problem(Bar(1, 2) with { Categories = ["a", "b", "c"] }));

    [Fact]
    public void Series_must_not_be_empty()
    {
        Assert.Contains("series is empty", Problem(Bar(1) with { Series = [] }));
        Assert.Contains("has no values", Problem(Bar(1) with { Series = [new ChartSeries { Name = "x", Values = [] }], Categories = null }));
    }

    [Fact]
    public void Numbers_must_be_finite() => Assert.Contains("value 2 is not a finite number", Problem(Bar(1, double.NaN)));

    [Theory]
    [InlineData(99, 800)]
    [InlineData(1200, 8001)]
    public void Size_must_be_sane(int width, int height) => Assert.Contains("out of range 100..8000", Problem(Bar(1) with { Width = width, Height = height }));

    [Fact]
    public void Scatter_needs_matching_x() =>
        Assert.Contains("has 1 x values but 2 values", Problem(new ChartSpec { Type = "scatter", Series = [new ChartSeries { Values = [1, 2], X = [1] }] }));

    [Fact]
    public void Pie_takes_one_non_negative_series()
    {
        Assert.Contains("exactly one series", Problem(Bar(1) with { Type = "pie", Series = [new() { Values = [1] }, new() { Values = [2] }] }));
        Assert.Contains("must not be negative", Problem(Bar(1, -1) with { Type = "donut" }));
    }

    [Fact]
    public void Point_count_is_bounded() =>
        Assert.Contains("too many points", Problem(new ChartSpec { Type = "histogram", Series = [new ChartSeries { Values = new double[ChartLimits.MaxPoints + 1] }] }));
}
