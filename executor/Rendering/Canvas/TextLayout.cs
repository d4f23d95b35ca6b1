using DeepInsight.Executor.Rendering.Native;

namespace DeepInsight.Executor.Rendering.Canvas;

/// <summary>
/// A shaped, wrapped block of text (a PangoLayout) tied to the canvas that created it.
/// Sizes are in canvas units; the top-left of the logical box is the drawing origin.
/// </summary>
public sealed class TextLayout : IDisposable
{
    internal PangoLayoutHandle Handle { get; }

    /// <summary>Horizontal offset of the text inside its wrap box (non-zero when centred or right-aligned).</summary>
    public double OffsetX { get; }
    public double Width { get; }
    public double Height { get; }
    public int LineCount => Pango.LayoutGetLineCount(Handle);

    internal TextLayout(PangoLayoutHandle handle)
    {
        Handle = handle;
        Pango.LayoutGetExtents(handle, IntPtr.Zero, out var logical);
        OffsetX = logical.X / Pango.Scale;
        Width = logical.Width / Pango.Scale;
        Height = logical.Height / Pango.Scale;
    }

    /// <summary>The top and bottom of every line, from the layout's top, so a long block can be split between pages.</summary>
    public IReadOnlyList<(double Top, double Bottom)> LineBounds()
    {
        var bounds = new List<(double, double)>(LineCount);
        var iter = Pango.LayoutGetIter(Handle);
        try
        {
            do
            {
                Pango.LayoutIterGetLineYRange(iter, out var top, out var bottom);
                bounds.Add((top / Pango.Scale, bottom / Pango.Scale));
            } while (Pango.LayoutIterNextLine(iter));
        }
        finally
        {
            Pango.LayoutIterFree(iter);
        }
        return bounds;
    }

    public void Dispose() => Handle.Dispose();
}
