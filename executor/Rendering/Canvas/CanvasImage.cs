using System.Runtime.InteropServices;
using DeepInsight.Executor.Rendering.Native;

namespace DeepInsight.Executor.Rendering.Canvas;

/// <summary>A decoded raster image (an ARGB32 or RGB24 cairo image surface) that can be drawn scaled.</summary>
public sealed class CanvasImage : IDisposable
{
    internal CairoSurfaceHandle Surface { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>The deflated samples a PDF can take as they are (opaque images from the <see cref="ImageCache"/>), or null.</summary>
    internal PdfImageStream? PdfStream { get; private init; }

    private bool _hasPlaceholder;

    private CanvasImage(CairoSurfaceHandle surface)
    {
        Surface = surface;
        Width = Cairo.ImageSurfaceGetWidth(surface);
        Height = Cairo.ImageSurfaceGetHeight(surface);
    }

    /// <summary>Decodes a PNG file; throws <see cref="CanvasException"/> when it is missing or not a PNG.</summary>
    public static CanvasImage LoadPng(string path) =>
        FromSurface(Cairo.ImageSurfaceCreateFromPng(path), $"cannot read PNG '{Path.GetFileName(path)}'");

    private static CanvasImage FromSurface(CairoSurfaceHandle surface, string failure, PdfImageStream? pdfStream = null)
    {
        var status = Cairo.SurfaceStatus(surface);
        if (status == Cairo.StatusSuccess) return new CanvasImage(surface) { PdfStream = pdfStream };
        surface.Dispose();
        throw new CanvasException($"{failure}: {Cairo.Describe(status)}");
    }

    /// <summary>
    /// A smaller copy that fits in <paramref name="maxWidth"/> × <paramref name="maxHeight"/> pixels
    /// with the same aspect ratio, or null when this image fits already. Cairo's "good" filter
    /// averages the pixels that fold together; the padded edge keeps the border from fading.
    /// </summary>
    public CanvasImage? FitWithin(int maxWidth, int maxHeight)
    {
        var scale = Math.Min((double)maxWidth / Width, (double)maxHeight / Height);
        if (scale >= 1) return null;
        var (width, height) = (Math.Max(1, (int)Math.Round(Width * scale)), Math.Max(1, (int)Math.Round(Height * scale)));
        var image = FromSurface(Cairo.ImageSurfaceCreate(Cairo.ImageSurfaceGetFormat(Surface), width, height), "cannot scale image");
        using var cr = Cairo.Create(image.Surface);
        Cairo.Scale(cr, (double)width / Width, (double)height / Height);
        Cairo.SetSourceSurface(cr, Surface, 0, 0);
        var pattern = Cairo.GetSource(cr);
        Cairo.PatternSetFilter(pattern, Cairo.FilterGood);
        Cairo.PatternSetExtend(pattern, Cairo.ExtendPad);
        Cairo.Paint(cr);
        Cairo.SurfaceFlush(image.Surface);
        return image;
    }

    /// <summary>A managed copy of the pixel memory, from which <see cref="FromPixels"/> makes new images.</summary>
    internal ImagePixels CopyPixels()
    {
        Cairo.SurfaceFlush(Surface);
        var stride = Cairo.ImageSurfaceGetStride(Surface);
        var data = new byte[stride * Height];
        Marshal.Copy(Cairo.ImageSurfaceGetData(Surface), data, 0, data.Length);
        return new ImagePixels(Cairo.ImageSurfaceGetFormat(Surface), Width, Height, stride, data);
    }

    /// <summary>A new image surface holding a copy of <paramref name="pixels"/>, owned by the caller alone.</summary>
    internal static CanvasImage FromPixels(ImagePixels pixels, PdfImageStream? pdfStream = null)
    {
        var image = FromSurface(Cairo.ImageSurfaceCreate(pixels.Format, pixels.Width, pixels.Height), "cannot copy image", pdfStream);
        if (Cairo.ImageSurfaceGetStride(image.Surface) != pixels.Stride)
        {
            image.Dispose();
            throw new CanvasException("cannot copy image: row stride differs");
        }
        Cairo.SurfaceFlush(image.Surface);
        Marshal.Copy(pixels.Data, 0, Cairo.ImageSurfaceGetData(image.Surface), pixels.Data.Length);
        Cairo.SurfaceMarkDirty(image.Surface);
        return image;
    }

    /// <summary>
    /// The pixels row by row as 0xAARRGGBB with premultiplied alpha (cairo's ARGB32; RGB24
    /// surfaces read back with alpha 0xFF).
    /// </summary>
    public uint[] ReadPixels()
    {
        Cairo.SurfaceFlush(Surface);
        var opaque = Cairo.ImageSurfaceGetFormat(Surface) != Cairo.FormatArgb32;
        var stride = Cairo.ImageSurfaceGetStride(Surface);
        var data = Cairo.ImageSurfaceGetData(Surface);
        var pixels = new uint[Width * Height];
        var row = new int[Width];
        for (var y = 0; y < Height; y++)
        {
            Marshal.Copy(data + y * stride, row, 0, Width);
            for (var x = 0; x < Width; x++)
                pixels[y * Width + x] = opaque ? (uint)row[x] | 0xFF000000u : (uint)row[x];
        }
        return pixels;
    }

    /// <summary>
    /// Attaches the placeholder JPEG data of <see cref="PdfStream"/>, which the PDF document
    /// splices the real stream into afterwards (<see cref="PdfImageSplicer"/>).
    /// </summary>
    internal unsafe void AttachPdfPlaceholder()
    {
        if (PdfStream is not { } stream || _hasPlaceholder) return;
        var length = stream.Deflated.Length;
        var data = (IntPtr)NativeMemory.Alloc((nuint)length);
        stream.WritePlaceholder(new Span<byte>((void*)data, length));
        // Cairo owns the copy from here: the callback frees it once neither the surface nor a
        // snapshot of it (held by an unfinished PDF) refers to it.
        delegate* unmanaged<IntPtr, void> free = &FreeNative;
        if (Cairo.SurfaceSetMimeData(Surface, Cairo.MimeTypeJpeg, data, (nuint)length, (IntPtr)free, data) != Cairo.StatusSuccess)
        {
            NativeMemory.Free((void*)data);
            return; // Without it cairo deflates the pixels itself: slower, the same picture.
        }
        _hasPlaceholder = true;
    }

    [UnmanagedCallersOnly]
    private static unsafe void FreeNative(IntPtr data) => NativeMemory.Free((void*)data);

    public void Dispose() => Surface.Dispose();
}
