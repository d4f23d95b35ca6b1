using DeepInsight.Executor.Rendering.Charts;
using DeepInsight.Executor.Rendering.Charts.Plots;
using ScottPlot;
using ScottPlot.Plottables;

namespace DeepInsight.Executor.Tests.Rendering;

/// <summary>What ScottPlot made cheap to add: box plots, error bars and a second value axis.</summary>
public sealed class ChartAnalysisFeaturesTests : IDisposable
{
    private readonly RenderTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Box_spans_the_quartiles_with_tukey_whiskers_and_outliers_drawn_alone()
    {
        double[] values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
        var summary = BoxSummary.Of(values);
        // numpy.percentile([1..9, 100], [25, 50, 75]) = 3.25, 5.5, 7.75; the upper fence is 14.5.
        Assert.Equal((3.25, 5.5, 7.75), (summary.Q1, summary.Median, summary.Q3));
        Assert.Equal((1.0, 9.0), (summary.WhiskerLow, summary.WhiskerHigh));
        Assert.Equal([100.0], summary.Outliers);

        var spec = new ChartSpec { Type = "box", Series = [new ChartSeries { Name = "금액", Values = values }, new ChartSeries { Name = "고른 값", Values = [1, 2, 3] }] };
        using var plot = ChartRenderer.Build(ChartSpecValidator.Validate(spec));
        Assert.Equal(2, plot.GetPlottables<BoxPlot>().Count());
        var outliers = Assert.Single(plot.GetPlottables<Markers>());
        Assert.Equal([new Coordinates(0, 100)], outliers.Data.GetScatterPoints());
        RenderAll(spec, "box");
    }

    [Fact]
    public void Errors_become_error_bars_around_each_value()
    {
        var spec = new ChartSpec
        {
            Type = "line", Categories = ["1월", "2월", "3월"],
            Series = [new ChartSeries { Name = "매출", Values = [10, 20, 15], Errors = [1, 2.5, 0] }],
        };
        using var plot = ChartRenderer.Build(ChartSpecValidator.Validate(spec));

        var bars = Assert.Single(plot.GetPlottables<ErrorBar>());
        Assert.Equal([10.0, 20, 15], bars.Ys);
        Assert.Equal([1, 2.5, 0], bars.YErrorPositive);
        Assert.Equal([1, 2.5, 0], bars.YErrorNegative);
        RenderAll(spec, "errors");
    }

    [Fact]
    public void Horizontal_bars_take_their_errors_along_x()
    {
        var spec = new ChartSpec { Type = "barh", Categories = ["가", "나"], Series = [new ChartSeries { Values = [10, 20], Errors = [1, 2] }] };
        using var plot = ChartRenderer.Build(ChartSpecValidator.Validate(spec));

        var bars = Assert.Single(plot.GetPlottables<ErrorBar>());
        Assert.Equal([10.0, 20], bars.Xs);
        Assert.Equal([1.0, 2], bars.XErrorPositive);
        Assert.All(bars.YErrorPositive, e => Assert.Equal(0, e));
    }

    [Fact]
    public void Series_on_the_right_axis_get_their_own_scale_and_title()
    {
        var spec = new ChartSpec
        {
            Type = "bar", Title = "매출과 이익률", YLabel = "매출액", Y2Label = "이익률 (%)", Categories = ["1분기", "2분기", "3분기"],
            Series =
            [
                new ChartSeries { Name = "매출액", Values = [1_200_000, 1_500_000, 1_700_000] },
                new ChartSeries { Name = "이익률", Values = [12.5, 14, 9.5], Axis = "right" },
            ],
        };
        using (var plot = ChartRenderer.Build(ChartSpecValidator.Validate(spec)))
        {
            var bars = plot.GetPlottables<BarPlot>().ToArray();
            Assert.Equal(plot.Axes.Left, bars[0].Axes.YAxis);
            Assert.Equal(plot.Axes.Right, bars[1].Axes.YAxis);
            Assert.True(plot.Axes.Right.IsVisible);
        }

        var pdf = _dir.PathOf("dual.pdf");
        ChartRenderer.Render(ChartSpecValidator.Validate(spec), ChartFormat.Pdf, pdf);
        Assert.Contains("이익률(%)", Poppler.CompactText(pdf));
        var words = Poppler.Run("pdftotext", "-layout", pdf, "-").Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(words, w => w.EndsWith('만') && w.Length > 2); // the left axis counts the sales in 만...
        Assert.Contains("12", words); // ...the right one the margin in plain percent
    }

    [Theory]
    [InlineData("pie", "draws no error bars")]
    [InlineData("histogram", "draws no error bars")]
    public void Errors_are_refused_where_nothing_draws_them(string type, string expected) =>
        Assert.Contains(expected, Problem(new ChartSpec { Type = type, Series = [new ChartSeries { Values = [1, 2], Errors = [1, 1] }] }));

    [Fact]
    public void Errors_must_match_the_values_and_not_be_negative()
    {
        Assert.Contains("has 1 errors but 2 values", Problem(new ChartSpec { Type = "bar", Series = [new ChartSeries { Values = [1, 2], Errors = [1] }] }));
        Assert.Contains("errors must not be negative", Problem(new ChartSpec { Type = "bar", Series = [new ChartSeries { Values = [1, 2], Errors = [1, -1] }] }));
    }

    [Fact]
    public void The_right_axis_is_for_types_with_two_value_axes_and_a_left_series()
    {
        ChartSeries Right(double value) => new() { Values = [value], Axis = "right" };
        Assert.Contains("has one value axis", Problem(new ChartSpec { Type = "stacked_bar", Series = [new() { Values = [1] }, Right(2)] }));
        Assert.Contains("keep at least one on the left", Problem(new ChartSpec { Type = "line", Series = [Right(1)] }));
        Assert.Contains("axis 'top' is unknown", Problem(new ChartSpec { Type = "line", Series = [new() { Values = [1], Axis = "top" }] }));
    }

    private static string Problem(ChartSpec spec) =>
        Assert.Throws<DeepInsight.Executor.Rendering.RenderValidationException>(() => ChartSpecValidator.Validate(spec)).Message;

    private void RenderAll(ChartSpec spec, string name)
    {
        foreach (var format in Enum.GetValues<ChartFormat>())
            Assert.True(ChartRenderer.Render(ChartSpecValidator.Validate(spec), format, _dir.PathOf($"{name}.{format.Name()}")) > 0);
    }
}
