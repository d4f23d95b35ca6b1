namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>The file types a chart can be written as.</summary>
public enum ChartFormat
{
    Png,
    Svg,
    Pdf,
}

public static class ChartFormatNames
{
    /// <summary>Parses "png", "svg" or "pdf" (any case).</summary>
    public static bool TryParse(string? name, out ChartFormat format)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "png": format = ChartFormat.Png; return true;
            case "svg": format = ChartFormat.Svg; return true;
            case "pdf": format = ChartFormat.Pdf; return true;
            default: format = default; return false;
        }
    }

    /// <summary>The format a file name's extension implies, if any.</summary>
    public static bool TryFromPath(string path, out ChartFormat format) =>
        TryParse(Path.GetExtension(path).TrimStart('.'), out format);

    public static string Name(this ChartFormat format) => format.ToString().ToLowerInvariant();
}
