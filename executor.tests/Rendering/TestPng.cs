using SkiaSharp;

namespace DeepInsight.Executor.Tests.Rendering;

/// <summary>PNG files for image tests, written with SkiaSharp: a colour over the left part of a transparent image.</summary>
public static class TestPng
{
    public static string Write(string path, int width, int height, string colour, int paintedWidth = int.MaxValue)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        bitmap.Erase(SKColors.Transparent);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColor.Parse(colour) })
            canvas.DrawRect(0, 0, Math.Min(width, paintedWidth), height, paint);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, png.ToArray());
        return path;
    }
}
