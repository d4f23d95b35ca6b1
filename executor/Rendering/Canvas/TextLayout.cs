using System.Runtime.InteropServices;
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

    /// <summary>
    /// Every underlined run of the text (in the order of the text), as the areas it covers, one or
    /// more per line it wraps onto. Reports underline links and only links, so these are where the
    /// links are.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<TextArea>> UnderlinedAreas()
    {
        var attributes = Pango.LayoutGetAttributes(Handle);
        if (attributes == IntPtr.Zero) return [];
        var runs = new List<(int Start, int End)>();
        var iterator = Pango.AttrListGetIterator(attributes);
        try
        {
            do
            {
                // A run split by other attributes (a bold word in a link) is one attribute, seen again.
                var underline = Pango.AttrIteratorGet(iterator, Pango.AttrUnderline);
                if (underline != IntPtr.Zero && !runs.Contains(Pango.AttributeRange(underline)))
                    runs.Add(Pango.AttributeRange(underline));
            } while (Pango.AttrIteratorNext(iterator));
        }
        finally
        {
            Pango.AttrIteratorDestroy(iterator);
        }
        return runs.Select(run => Areas(run.Start, run.End)).ToList();
    }

    /// <summary>The areas the bytes <paramref name="start"/>..<paramref name="end"/> of the text cover, line by line.</summary>
    private IReadOnlyList<TextArea> Areas(int start, int end)
    {
        var areas = new List<TextArea>();
        var iter = Pango.LayoutGetIter(Handle);
        try
        {
            do
            {
                var line = Pango.LayoutIterGetLineReadonly(iter);
                var (lineStart, lineEnd) = (Pango.LayoutLineStart(line), Pango.LayoutLineStart(line) + Pango.LayoutLineLength(line));
                if (end <= lineStart || start >= lineEnd) continue;
                Pango.LayoutIterGetLineYRange(iter, out var top, out var bottom);
                Pango.LayoutLineGetXRanges(line, Math.Max(start, lineStart), Math.Min(end, lineEnd), out var ranges, out var count);
                try
                {
                    for (var i = 0; i < count; i++)
                    {
                        var (x0, x1) = (Marshal.ReadInt32(ranges, 8 * i), Marshal.ReadInt32(ranges, 8 * i + 4));
                        areas.Add(new TextArea(x0 / Pango.Scale, top / Pango.Scale, (x1 - x0) / Pango.Scale, (bottom - top) / Pango.Scale));
                    }
                }
                finally
                {
                    GObject.Free(ranges);
                }
            } while (Pango.LayoutIterNextLine(iter));
        }
        finally
        {
            Pango.LayoutIterFree(iter);
        }
        return areas;
    }

    public void Dispose() => Handle.Dispose();
}
