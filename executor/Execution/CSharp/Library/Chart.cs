using System.Numerics;
using DeepInsight.Executor.Rendering.Charts;

namespace DeepInsight.Executor.Execution.CSharp.Library;

/// <summary>
/// A chart being put together by a script (made by <see cref="Charts"/>): the spec of /render/chart,
/// drawn by ScottPlot as that endpoint draws it when saved, or handed over as a ScottPlot plot
/// (<see cref="ToPlot"/>): <c>Charts.Line(months, sales, "매출").AddSeries("작년", last).Save("artifacts/sales.png")</c>.
/// </summary>
public sealed class Chart
{
    private ChartSpec _spec;
    private readonly List<ChartSeries> _series = [];

    internal Chart(string type, string?[]? categories, string? title) =>
        _spec = new ChartSpec { Type = type, Title = title, Categories = categories };

    /// <summary>Adds a series: another bar group, line, stack layer, histogram sample or heatmap row.</summary>
    public Chart AddSeries<TValue>(string? name, IEnumerable<TValue> values) where TValue : INumber<TValue> =>
        Add(new ChartSeries { Name = name, Values = Numbers(values) });

    /// <summary>Adds a scatter series: points at (x, y).</summary>
    public Chart AddSeries<TX, TY>(string? name, IEnumerable<TX> x, IEnumerable<TY> y)
        where TX : INumber<TX> where TY : INumber<TY> =>
        Add(new ChartSeries { Name = name, X = Numbers(x), Values = Numbers(y) });

    public Chart WithLabels(string? x = null, string? y = null) => With(_spec with { XLabel = x, YLabel = y });

    /// <summary>Pixels for PNG; points for SVG and PDF. 1200 × 800 unless set.</summary>
    public Chart WithSize(int width, int height) => With(_spec with { Width = width, Height = height });

    /// <summary>Prints each value next to its bar, point, slice or cell.</summary>
    public Chart WithValueLabels(bool show = true) => With(_spec with { ValueLabels = show });

    /// <summary>
    /// Draws the chart into a file whose extension names the format (.png, .svg or .pdf) and
    /// returns its full path. Relative paths are under the work root; folders are created.
    /// </summary>
    public string Save(string path)
    {
        if (!ChartFormatNames.TryFromPath(path, out var format))
            throw new ArgumentException($"'{path}': a chart is saved as .png, .svg or .pdf", nameof(path));
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        ChartRenderer.Render(Validated(), format, fullPath);
        return fullPath;
    }

    /// <summary>
    /// The chart as the ScottPlot plot <see cref="Save"/> would draw, to go on with ScottPlot's own
    /// API (<c>plot.Add.HorizontalLine(...)</c>, <c>plot.SavePng(path, width, height)</c>).
    /// </summary>
    public ScottPlot.Plot ToPlot() => ChartRenderer.Build(Validated());

    private ValidChart Validated() => ChartSpecValidator.Validate(_spec with { Series = [.. _series] });

    internal static string?[] Labels<TCategory>(IEnumerable<TCategory> categories) =>
        categories.Select(c => c?.ToString()).ToArray();

    internal static double[] Numbers<TValue>(IEnumerable<TValue> values) where TValue : INumber<TValue> =>
        values.Select(double.CreateChecked).ToArray();

    private Chart Add(ChartSeries series)
    {
        _series.Add(series);
        return this;
    }

    private Chart With(ChartSpec spec)
    {
        _spec = spec;
        return this;
    }
}
