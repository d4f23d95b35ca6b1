using System.Numerics;

namespace DeepInsight.Executor.Execution.CSharp.Library;

/// <summary>
/// One factory per chart type of the rendering engine. Categories may be of any type (their
/// text is the label); values any number type. <c>name</c> names the first series, shown in
/// the legend once a chart has more than one. Each returns a <see cref="Chart"/> to adjust and save.
/// </summary>
public static class Charts
{
    public static Chart Bar<TCategory, TValue>(IEnumerable<TCategory> categories, IEnumerable<TValue> values, string? title = null, string? name = null)
        where TValue : INumber<TValue> => Categorical("bar", categories, values, title, name);

    public static Chart Barh<TCategory, TValue>(IEnumerable<TCategory> categories, IEnumerable<TValue> values, string? title = null, string? name = null)
        where TValue : INumber<TValue> => Categorical("barh", categories, values, title, name);

    /// <summary>Layers are added with <see cref="Chart.AddSeries{TValue}(string?, IEnumerable{TValue})"/>.</summary>
    public static Chart StackedBar<TCategory>(IEnumerable<TCategory> categories, string? title = null) =>
        new("stacked_bar", Chart.Labels(categories), title);

    public static Chart Line<TCategory, TValue>(IEnumerable<TCategory> categories, IEnumerable<TValue> values, string? title = null, string? name = null)
        where TValue : INumber<TValue> => Categorical("line", categories, values, title, name);

    public static Chart Area<TCategory, TValue>(IEnumerable<TCategory> categories, IEnumerable<TValue> values, string? title = null, string? name = null)
        where TValue : INumber<TValue> => Categorical("area", categories, values, title, name);

    public static Chart Scatter<TX, TY>(IEnumerable<TX> x, IEnumerable<TY> y, string? title = null, string? name = null)
        where TX : INumber<TX> where TY : INumber<TY> => new Chart("scatter", null, title).AddSeries(name, x, y);

    public static Chart Pie<TCategory, TValue>(IEnumerable<TCategory> categories, IEnumerable<TValue> values, string? title = null)
        where TValue : INumber<TValue> => Categorical("pie", categories, values, title, null);

    public static Chart Donut<TCategory, TValue>(IEnumerable<TCategory> categories, IEnumerable<TValue> values, string? title = null)
        where TValue : INumber<TValue> => Categorical("donut", categories, values, title, null);

    public static Chart Histogram<TValue>(IEnumerable<TValue> values, string? title = null, string? name = null)
        where TValue : INumber<TValue> => new Chart("histogram", null, title).AddSeries(name, values);

    /// <summary>Rows are added with <see cref="Chart.AddSeries{TValue}(string?, IEnumerable{TValue})"/>, one value per column.</summary>
    public static Chart Heatmap<TCategory>(IEnumerable<TCategory> columns, string? title = null) =>
        new("heatmap", Chart.Labels(columns), title);

    /// <summary>Boxes are added with <see cref="Chart.AddSeries{TValue}(string?, IEnumerable{TValue})"/>, one sample each.</summary>
    public static Chart Box(string? title = null) => new("box", null, title);

    private static Chart Categorical<TCategory, TValue>(string type, IEnumerable<TCategory> categories, IEnumerable<TValue> values,
        string? title, string? name) where TValue : INumber<TValue> =>
        new Chart(type, Chart.Labels(categories), title).AddSeries(name, values);
}
