namespace DeepInsight.Executor.Rendering.Canvas;

public enum TextAlignment
{
    Left,
    Center,
    Right,
}

/// <summary>
/// How a piece of text is set. <see cref="Size"/> is in canvas units (pixels for PNG, points for
/// PDF). With <see cref="WrapWidth"/> the text wraps at word boundaries, falling back to
/// characters for words longer than the line (Pango follows UAX #14, which covers Korean).
/// </summary>
public sealed record TextStyle(string Family, double Size)
{
    public bool Bold { get; init; }
    public bool Italic { get; init; }
    public double? WrapWidth { get; init; }
    public TextAlignment Alignment { get; init; } = TextAlignment.Left;

    /// <summary>Line height as a multiple of the font's; 0 keeps the font's own spacing.</summary>
    public double LineSpacing { get; init; }

    /// <summary>With a wrap width: at most this many lines, the last ending in "…"; 0 means no limit.</summary>
    public int MaxLines { get; init; }
}
