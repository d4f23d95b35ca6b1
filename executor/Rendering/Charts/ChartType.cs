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
    };

    public static IEnumerable<string> All => ByName.Keys;

    public static bool TryParse(string? name, out ChartType type) => ByName.TryGetValue(name?.Trim() ?? "", out type);

    /// <summary>Types whose values line up with the categories one to one.</summary>
    public static bool UsesCategories(this ChartType type) => type is not (ChartType.Scatter or ChartType.Histogram);
}
