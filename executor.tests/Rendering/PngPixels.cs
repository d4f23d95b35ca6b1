using DeepInsight.Executor.Rendering.Canvas;

namespace DeepInsight.Executor.Tests.Rendering;

/// <summary>A decoded PNG (through the engine's own cairo bindings) and the questions tests ask of it.</summary>
public sealed class PngPixels
{
    public int Width { get; }
    public int Height { get; }
    public uint[] Pixels { get; }

    private PngPixels(int width, int height, uint[] pixels) => (Width, Height, Pixels) = (width, height, pixels);

    public static PngPixels Load(string path)
    {
        using var image = CanvasImage.LoadPng(path);
        return new PngPixels(image.Width, image.Height, image.ReadPixels());
    }

    public uint At(int x, int y) => Pixels[y * Width + x];

    public int DistinctColours => Pixels.Distinct().Count();

    /// <summary>Pixels that are neither white nor transparent: something was drawn there.</summary>
    public int InkedPixels(int x0, int y0, int x1, int y1)
    {
        var count = 0;
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
                if (At(x, y) is not (0xFFFFFFFFu or 0u)) count++;
        return count;
    }

    /// <summary>Opaque greys strictly between black and white: the edges of anti-aliased dark shapes and text.</summary>
    public int IntermediateGreys => Pixels.Count(p =>
    {
        var (r, g, b) = ((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF);
        return p >> 24 == 0xFF && r == g && g == b && r is > 16 and < 240;
    });
}
