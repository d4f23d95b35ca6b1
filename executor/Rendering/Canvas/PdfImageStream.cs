using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepInsight.Executor.Rendering.Native;

namespace DeepInsight.Executor.Rendering.Canvas;

/// <summary>
/// An opaque image's samples as a PDF image XObject holds them: 8-bit RGB rows deflated (zlib,
/// PDF's FlateDecode), made once per decoded image and kept with it in the <see cref="ImageCache"/>.
/// Cairo's PDF surface converts and deflates every image's pixels again for each document, at
/// zlib's default level; for a report with three charts that was over half of its time.
/// </summary>
/// <remarks>
/// Cairo has no way to take an already compressed image, but it does embed JPEG data as it is
/// given. So the surface carries a <see cref="Placeholder"/> as its JPEG data: a JPEG header
/// (enough for cairo to read the size and the three colour components) followed by a random
/// marker and the rest of <see cref="Deflated"/>, exactly as long as <see cref="Deflated"/>.
/// Cairo writes it verbatim as the image's stream; <see cref="PdfImageSplicer"/> then overwrites
/// the header with the first bytes of <see cref="Deflated"/> and the filter in the dictionary,
/// which changes no length and no offset in the file.
/// </remarks>
internal sealed class PdfImageStream
{
    /// <summary>SOI, then a baseline SOF0 segment for 8-bit samples in three components.</summary>
    private const int JpegHeaderLength = 2 + 2 + 17;
    private const int MarkerLength = 16;
    public const int PlaceholderPrefixLength = JpegHeaderLength + MarkerLength;

    // zlib's default level, as cairo used: the stream is made once per decoded image, so only a
    // report whose charts were just redrawn pays for it. Measured on three 1007 × 671 charts: the
    // fastest level takes 1-2 ms instead of 4-6.5 ms each, but writes 25-45 % more bytes.
    private const CompressionLevel Level = CompressionLevel.Optimal;

    public int Width { get; }
    public int Height { get; }
    public byte[] Deflated { get; }

    /// <summary>Random bytes that find this image's stream in a finished PDF.</summary>
    public byte[] Marker { get; } = Guid.NewGuid().ToByteArray();

    private PdfImageStream(int width, int height, byte[] deflated)
    {
        (Width, Height, Deflated) = (width, height, deflated);
    }

    /// <summary>
    /// The stream of <paramref name="pixels"/>, or null when they are not all opaque (cairo then
    /// writes them with a soft mask, as before) or too small to carry the placeholder.
    /// </summary>
    public static unsafe PdfImageStream? Encode(ImagePixels pixels)
    {
        if (pixels.Width > ushort.MaxValue || pixels.Height > ushort.MaxValue) return null;
        fixed (byte* data = pixels.Data)
        {
            if (pixels.Format == Cairo.FormatArgb32 && !IsOpaque(data, pixels.Width, pixels.Height, pixels.Stride)) return null;
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, Level, leaveOpen: true))
        {
            var row = new byte[pixels.Width * 3];
            for (var y = 0; y < pixels.Height; y++)
            {
                PackRgb(MemoryMarshal.Cast<byte, uint>(pixels.Data.AsSpan(y * pixels.Stride, pixels.Width * 4)), row);
                zlib.Write(row);
            }
        }
        var deflated = compressed.ToArray();
        // Far below any real image (a 1 × 1 image deflates to a dozen bytes): cairo deflates those itself.
        return deflated.Length > PlaceholderPrefixLength ? new PdfImageStream(pixels.Width, pixels.Height, deflated) : null;
    }

    // The per-pixel loops are optimised at first use: under tiered compilation they would run as
    // unoptimised code for the first few dozen images, several times slower.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe bool IsOpaque(byte* pixels, int width, int height, int stride)
    {
        for (var y = 0; y < height; y++)
            foreach (var pixel in new ReadOnlySpan<uint>(pixels + y * stride, width))
                if (pixel < 0xFF000000u) return false;
        return true;
    }

    /// <summary>Opaque pixels need no un-premultiplying: cairo's 0xFFRRGGBB becomes R, G, B.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackRgb(ReadOnlySpan<uint> source, Span<byte> target)
    {
        for (int x = 0, o = 0; x < source.Length; x++, o += 3)
        {
            var pixel = source[x];
            target[o] = (byte)(pixel >> 16);
            target[o + 1] = (byte)(pixel >> 8);
            target[o + 2] = (byte)pixel;
        }
    }

    /// <summary>Writes the placeholder JPEG data (as long as <see cref="Deflated"/>) into <paramref name="target"/>.</summary>
    public void WritePlaceholder(Span<byte> target)
    {
        JpegHeader().CopyTo(target);
        Marker.CopyTo(target[JpegHeaderLength..]);
        Deflated.AsSpan(PlaceholderPrefixLength).CopyTo(target[PlaceholderPrefixLength..]);
    }

    /// <summary>The bytes of the placeholder before <see cref="Marker"/>, to check a match against.</summary>
    public byte[] JpegHeader()
    {
        var header = new byte[JpegHeaderLength];
        // Start of image; start of frame 0: segment length 17, 8-bit precision, height, width, 3 components.
        header[0] = 0xFF; header[1] = 0xD8; header[2] = 0xFF; header[3] = 0xC0;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), 17);
        header[6] = 8;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(7), (ushort)Height);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(9), (ushort)Width);
        header[11] = 3;
        // Component id, sampling factors 1 × 1, quantisation table 0, for each of the three.
        for (var c = 0; c < 3; c++) (header[12 + 3 * c], header[13 + 3 * c], header[14 + 3 * c]) = ((byte)(c + 1), 0x11, 0);
        return header;
    }
}
