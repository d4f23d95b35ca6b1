using System.Runtime.InteropServices;
using DeepInsight.Executor.Rendering.Native;

namespace DeepInsight.Executor.Rendering.Canvas;

/// <summary>A decoded raster image (an ARGB32 cairo image surface) that can be drawn scaled.</summary>
public sealed class CanvasImage : IDisposable
{
    internal CairoSurfaceHandle Surface { get; }
    public int Width { get; }
    public int Height { get; }

    private CanvasImage(CairoSurfaceHandle surface)
    {
        Surface = surface;
        Width = Cairo.ImageSurfaceGetWidth(surface);
        Height = Cairo.ImageSurfaceGetHeight(surface);
    }

    /// <summary>Decodes a PNG file; throws <see cref="CanvasException"/> when it is missing or not a PNG.</summary>
    public static CanvasImage LoadPng(string path)
    {
        var surface = Cairo.ImageSurfaceCreateFromPng(path);
        var status = Cairo.SurfaceStatus(surface);
        if (status == Cairo.StatusSuccess) return new CanvasImage(surface);
        surface.Dispose();
        throw new CanvasException($"cannot read PNG '{Path.GetFileName(path)}': {Cairo.Describe(status)}");
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

    public void Dispose() => Surface.Dispose();
}
