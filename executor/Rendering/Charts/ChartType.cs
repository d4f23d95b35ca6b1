namespace DeepInsight.Executor.Rendering.Charts;

public enum ChartType
{
    Bar,
    Barh,
    StackedBar,
    Line,
    Area,
    Scatter,
    Pie,
    Donut,
    Histogram,
    Heatmap,
    Box,
}

public static class ChartTypeNames
{
    private static readonly Dictionary<string, ChartType> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bar"] = ChartType.Bar,
        ["barh"] = ChartType.Barh,
        ["stacked_bar"] = ChartType.StackedBar,
        ["line"] = ChartType.Line,
        ["area"] = ChartType.Area,
        ["scatter"] = ChartType.Scatter,
        ["pie"] = ChartType.Pie,
        ["donut"] = ChartType.Donut,
        ["histogram"] = ChartType.Histogram,
        ["heatmap"] = ChartType.Heatmap,
        ["box"] = ChartType.Box,
    };

    public static IEnumerable<string> All => ByName.Keys;

    public static bool TryParse(string? name, out ChartType type) => ByName.TryGetValue(name?.Trim() ?? "", out type);

    public static string Name(this ChartType type) => ByName.First(pair => pair.Value == type).Key;

    /// <summary>Types whose values line up with the categories one to one.</summary>
    public static bool UsesCategories(this ChartType type) => type is not (ChartType.Scatter or ChartType.Histogram or ChartType.Box);

    /// <summary>Types that draw ± error bars given with a series.</summary>
    public static bool TakesErrors(this ChartType type) => type is ChartType.Bar or ChartType.Barh or ChartType.Line or ChartType.Area or ChartType.Scatter;

    /// <summary>Types whose series may be drawn against a second value axis on the right.</summary>
    public static bool TakesRightAxis(this ChartType type) => type is ChartType.Bar or ChartType.Line or ChartType.Area or ChartType.Scatter;
}
