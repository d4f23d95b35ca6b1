using DeepInsight.Executor.Rendering.Native;

namespace DeepInsight.Executor.Rendering.Canvas;

/// <summary>
/// An SVG document parsed by librsvg, drawn as vectors (paths and text, fonts embedded by cairo)
/// wherever it is placed: a chart saved as SVG stays sharp in a report at any zoom.
/// </summary>
public sealed class SvgImage : IDisposable
{
    internal RsvgHandle Handle { get; }

    /// <summary>The document's own size in pixels (CSS pixels, 96 per inch), which gives its aspect ratio.</summary>
    public double Width { get; }
    public double Height { get; }

    private SvgImage(RsvgHandle handle, double width, double height) => (Handle, Width, Height) = (handle, width, height);

    /// <summary>Parses the file; one whose size is not given in absolute units (width and height in px, pt, mm...) is refused.</summary>
    public static SvgImage Load(string path)
    {
        byte[] data;
        try { data = File.ReadAllBytes(path); }
        catch (IOException e) { throw new CanvasException($"cannot read SVG '{Path.GetFileName(path)}': {e.Message}"); }
        var handle = Rsvg.NewFromData(data, (nuint)data.Length, out var error);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new CanvasException($"cannot read SVG '{Path.GetFileName(path)}': {Rsvg.TakeMessage(error)}");
        }
        if (!Rsvg.GetIntrinsicSizeInPixels(handle, out var width, out var height) || width <= 0 || height <= 0)
        {
            handle.Dispose();
            throw new CanvasException($"SVG '{Path.GetFileName(path)}' gives no width and height in absolute units");
        }
        return new SvgImage(handle, width, height);
    }

    public void Dispose() => Handle.Dispose();
}
