using System.Globalization;
using DeepInsight.Executor.Rendering.Native;

namespace DeepInsight.Executor.Rendering.Canvas;

/// <summary>
/// A 2D drawing context (a cairo_t) over one <see cref="CanvasDocument"/>: filled rectangles, clips,
/// text, links and images in points, with save/restore of the state (colour, clip, transform).
/// </summary>
public sealed class CanvasContext : IDisposable
{
    internal CairoContextHandle Handle { get; }

    // One Pango context and one description per font for all the text of this canvas: creating a
    // context per layout (pango_cairo_create_layout) costs more than shaping a short label. The
    // context takes the cairo transform and font options as they are now, at identity, which is
    // also where every layout used to be created.
    private PangoContextHandle? _pango;
    private readonly Dictionary<(string Family, double Size, bool Bold, bool Italic), PangoFontDescriptionHandle> _fonts = [];

    // Images go into the PDF as prepared streams.
    private readonly PdfImageSplicer _pdfImages;

    internal CanvasContext(CairoSurfaceHandle surface, PdfImageSplicer pdfImages)
    {
        _pdfImages = pdfImages;
        Handle = Cairo.Create(surface);
    }

    // State

    public void Save() => Cairo.Save(Handle);
    public void Restore() => Cairo.Restore(Handle);
    public void Translate(double dx, double dy) => Cairo.Translate(Handle, dx, dy);
    public void Scale(double sx, double sy) => Cairo.Scale(Handle, sx, sy);
    public void SetColor(Color color) => Cairo.SetSourceRgba(Handle, color.R, color.G, color.B, color.A);

    // Paths

    public void NewPath() => Cairo.NewPath(Handle);
    public void MoveTo(double x, double y) => Cairo.MoveTo(Handle, x, y);
    public void Rectangle(double x, double y, double width, double height) => Cairo.Rectangle(Handle, x, y, width, height);

    // Painting

    public void Fill() => Cairo.Fill(Handle);

    /// <summary>Intersects the clip with the current path (undone by <see cref="Restore"/>).</summary>
    public void Clip() => Cairo.Clip(Handle);

    public void FillRectangle(double x, double y, double width, double height, Color color)
    {
        SetColor(color);
        Rectangle(x, y, width, height);
        Fill();
    }

    // Text

    public TextLayout CreateText(string text, TextStyle style) => CreateLayout(style, layout => Pango.LayoutSetText(layout, text, -1));

    /// <summary>Text with Pango markup (&lt;b&gt;, &lt;i&gt;, &lt;span&gt;); escape user text with <see cref="TextMarkup.Escape"/>.</summary>
    public TextLayout CreateMarkup(string markup, TextStyle style) => CreateLayout(style, layout => Pango.LayoutSetMarkup(layout, markup, -1));

    private TextLayout CreateLayout(TextStyle style, Action<PangoLayoutHandle> setContent)
    {
        _pango ??= PangoCairo.CreateContext(Handle);
        var layout = Pango.LayoutNew(_pango);
        Pango.LayoutSetFontDescription(layout, Font(style));
        if (style.WrapWidth is { } width)
        {
            Pango.LayoutSetWidth(layout, (int)(Math.Max(1, width) * Pango.Scale));
            Pango.LayoutSetWrap(layout, Pango.WrapWordChar);
            if (style.MaxLines > 0)
            {
                // A negative height is a line count for Pango's ellipsizing.
                Pango.LayoutSetHeight(layout, -style.MaxLines);
                Pango.LayoutSetEllipsize(layout, Pango.EllipsizeEnd);
            }
        }
        Pango.LayoutSetAlignment(layout, style.Alignment switch
        {
            TextAlignment.Center => Pango.AlignCenter,
            TextAlignment.Right => Pango.AlignRight,
            _ => Pango.AlignLeft,
        });
        if (style.LineSpacing > 0) Pango.LayoutSetLineSpacing(layout, (float)style.LineSpacing);
        setContent(layout);
        return new TextLayout(layout);
    }

    /// <summary>The font of <paramref name="style"/>; Pango copies it into each layout, so one serves them all.</summary>
    private PangoFontDescriptionHandle Font(TextStyle style)
    {
        var key = (style.Family, style.Size, style.Bold, style.Italic);
        if (_fonts.TryGetValue(key, out var font)) return font;
        font = Pango.FontDescriptionNew();
        Pango.FontDescriptionSetFamily(font, style.Family);
        Pango.FontDescriptionSetAbsoluteSize(font, style.Size * Pango.Scale);
        Pango.FontDescriptionSetWeight(font, style.Bold ? Pango.WeightBold : Pango.WeightNormal);
        Pango.FontDescriptionSetStyle(font, style.Italic ? Pango.StyleItalic : Pango.StyleNormal);
        _fonts.Add(key, font);
        return font;
    }

    /// <summary>Draws a layout with its top-left at (x, y).</summary>
    public void DrawText(TextLayout layout, double x, double y, Color color)
    {
        SetColor(color);
        MoveTo(x, y);
        PangoCairo.ShowLayout(Handle, layout.Handle);
        NewPath();
    }

    // Links

    /// <summary>
    /// Makes <paramref name="areas"/> (points) a link to <paramref name="uri"/>.
    /// </summary>
    public void Link(string uri, IEnumerable<TextArea> areas)
    {
        var rects = string.Join(' ', areas.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.X:0.##} {a.Y:0.##} {a.Width:0.##} {a.Height:0.##}")));
        if (rects.Length == 0) return;
        // Attribute strings are single-quoted; quotes and backslashes inside are escaped with a backslash.
        var quoted = uri.Replace("\\", "\\\\").Replace("'", "\\'");
        Cairo.TagBegin(Handle, Cairo.TagLink, $"uri='{quoted}' rect=[{rects}]");
        Cairo.TagEnd(Handle, Cairo.TagLink);
    }

    // Images

    /// <summary>Draws the whole image scaled into the given box (smooth filtering when scaled).</summary>
    public void DrawImage(CanvasImage image, double x, double y, double width, double height)
    {
        _pdfImages.Prepare(image);
        Save();
        Translate(x, y);
        Scale(width / image.Width, height / image.Height);
        Cairo.SetSourceSurface(Handle, image.Surface, 0, 0);
        Cairo.PatternSetFilter(Cairo.GetSource(Handle), Cairo.FilterGood);
        Rectangle(0, 0, image.Width, image.Height);
        Fill();
        Restore();
    }

    /// <summary>Draws the whole SVG document as vectors, scaled into the given box.</summary>
    public void DrawSvg(SvgImage svg, double x, double y, double width, double height)
    {
        Save();
        var drawn = Rsvg.RenderDocument(svg.Handle, Handle, new Rsvg.Rectangle { X = x, Y = y, Width = width, Height = height }, out var error);
        Restore();
        if (!drawn) throw new CanvasException($"cannot draw SVG: {Rsvg.TakeMessage(error)}");
    }

    internal void ShowPage() => Cairo.ShowPage(Handle);

    /// <summary>Throws when cairo has entered an error state (it then ignores further drawing).</summary>
    internal void ThrowIfFailed()
    {
        var status = Cairo.Status(Handle);
        if (status != Cairo.StatusSuccess) throw new CanvasException($"drawing failed: {Cairo.Describe(status)}");
    }

    public void Dispose()
    {
        foreach (var font in _fonts.Values) font.Dispose();
        _fonts.Clear();
        _pango?.Dispose();
        Handle.Dispose();
    }
}
