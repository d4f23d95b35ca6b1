using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using SkiaSharp;

namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>
/// Writes an opaque chart as an 8-bit RGB PNG, rows unfiltered, deflated by .NET's zlib (zlib-ng)
/// at its fastest level. Encoding is most of a PNG chart's time, and Skia's encoder (with its own
/// zlib) took two to three times the CPU for the same 1200 × 800 chart even at its fastest
/// settings (docs/rendering.md); on flat-coloured charts unfiltered rows also deflate as small as
/// any filter at that level.
/// </summary>
internal static class PngEncoding
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <param name="pixels">RGBA or BGRA pixels of an opaque surface (alpha ignored).</param>
    public static void Write(SKPixmap pixels, Stream output)
    {
        if (pixels.ColorType is not (SKColorType.Rgba8888 or SKColorType.Bgra8888))
            throw new ArgumentException($"a chart surface is RGBA or BGRA, not {pixels.ColorType}", nameof(pixels));
        var (width, height) = (pixels.Width, pixels.Height);
        output.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bits per channel
        header[9] = 2; // RGB
        WriteChunk(output, "IHDR"u8, header);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[1 + width * 3]; // row[0] = 0: filter "None"
            var source = pixels.GetPixelSpan();
            var bgra = pixels.ColorType == SKColorType.Bgra8888;
            for (var y = 0; y < height; y++)
            {
                PackRgb(source.Slice(y * pixels.RowBytes, width * 4), row.AsSpan(1), bgra);
                zlib.Write(row);
            }
        }
        WriteChunk(output, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        WriteChunk(output, "IEND"u8, []);
    }

    // Optimised at first use: under tiered compilation the per-pixel loop would run as
    // unoptimised code for the first few dozen charts, several times slower.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackRgb(ReadOnlySpan<byte> source, Span<byte> target, bool bgra)
    {
        var (red, blue) = bgra ? (2, 0) : (0, 2);
        for (int s = 0, t = 0; t < target.Length; s += 4, t += 3)
        {
            target[t] = source[s + red];
            target[t + 1] = source[s + 1];
            target[t + 2] = source[s + blue];
        }
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        output.Write(word);
    }
}
