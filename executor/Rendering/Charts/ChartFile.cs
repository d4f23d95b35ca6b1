using ScottPlot;
using SkiaSharp;

namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>
/// Writes a ScottPlot plot as a file: PNG from a raster surface (<see cref="PngEncoding"/>), SVG from Skia's SVG canvas, PDF from
/// Skia's PDF document (vector, fonts embedded as subsets). The file is drawn under a hidden
/// temporary name beside the target and renamed into place, so a failed render never leaves a
/// truncated file under the target name.
/// </summary>
public static class ChartFile
{
    public static long Save(Plot plot, ChartFormat format, string path, int width, int height, string? title)
    {
        var working = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = File.Create(working))
            {
                switch (format)
                {
                    case ChartFormat.Png: WritePng(plot, stream, width, height); break;
                    case ChartFormat.Svg: WriteSvg(plot, stream, width, height); break;
                    case ChartFormat.Pdf: WritePdf(plot, stream, width, height, title); break;
                }
            }
            File.Move(working, path, overwrite: true);
            return new FileInfo(path).Length;
        }
        finally
        {
            File.Delete(working);
        }
    }

    private static void WritePng(Plot plot, Stream stream, int width, int height)
    {
        // Opaque: the plot paints its whole background, and an RGB PNG is smaller and embeds in a
        // report's PDF without a soft mask.
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque))
            ?? throw new InvalidOperationException($"cannot allocate a {width} × {height} surface");
        plot.Render(surface.Canvas, width, height);
        using var pixels = surface.PeekPixels();
        PngEncoding.Write(pixels, stream);
    }

    private static void WriteSvg(Plot plot, Stream stream, int width, int height)
    {
        using var svg = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(SKRect.Create(width, height), svg))
            plot.Render(canvas, width, height);
        // Skia writes each glyph of a text back as the lowest code point mapping to it, and
        // NanumGothic maps control characters (U+0001 first) to its space glyph: such a character
        // is not allowed in XML, so SVG readers refuse the file. A space is what was drawn there.
        // One byte for one, so each glyph keeps its position in the text's x list; in UTF-8 these
        // bytes are never part of a longer character.
        var bytes = svg.GetBuffer().AsSpan(0, (int)svg.Length);
        foreach (ref var b in bytes)
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r')) b = (byte)' ';
        stream.Write(bytes);
    }

    /// <summary>One page of <paramref name="width"/> × <paramref name="height"/> points holding the plot as vectors.</summary>
    private static void WritePdf(Plot plot, Stream stream, int width, int height, string? title)
    {
        using var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata { Title = title ?? "", Creator = "DeepInsight Executor" });
        plot.Render(document.BeginPage(width, height), width, height);
        document.EndPage();
        document.Close();
    }
}
