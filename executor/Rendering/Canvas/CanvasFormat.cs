namespace DeepInsight.Executor.Rendering.Canvas;

/// <summary>The file types a canvas can be written as.</summary>
public enum CanvasFormat
{
    Png,
    Svg,
    Pdf,
}

public static class CanvasFormatNames
{
    /// <summary>Parses "png", "svg" or "pdf" (any case).</summary>
    public static bool TryParse(string? name, out CanvasFormat format)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "png": format = CanvasFormat.Png; return true;
            case "svg": format = CanvasFormat.Svg; return true;
            case "pdf": format = CanvasFormat.Pdf; return true;
            default: format = default; return false;
        }
    }

    /// <summary>The format a file name's extension implies, if any.</summary>
    public static bool TryFromPath(string path, out CanvasFormat format) =>
        TryParse(Path.GetExtension(path).TrimStart('.'), out format);

    public static string Name(this CanvasFormat format) => format.ToString().ToLowerInvariant();
}
