using DeepInsight.Executor.Rendering.Native;

namespace DeepInsight.Executor.Rendering.Canvas;

/// <summary>
/// PNG files decoded and fitted to a size, kept process-wide (least recently used first out,
/// bounded in bytes) so that a report re-rendered with the same charts neither decodes nor
/// scales them again. An entry is keyed by the file's path, length and modification time and
/// the size asked for, so a rewritten file is read afresh. Entries are plain managed memory and
/// every caller gets its own cairo surface copied from it: cairo surfaces must not be shared
/// between threads (drawing one into a PDF attaches a snapshot to it). An opaque image also keeps
/// its samples deflated for PDFs (<see cref="PdfImageStream"/>), so a report does not compress
/// the same pixels again.
/// </summary>
public static class ImageCache
{
    public const long MaxBytes = 64L * 1024 * 1024;

    private sealed record Key(string Path, long Length, DateTime Modified, int MaxWidth, int MaxHeight);

    private sealed record Entry(ImagePixels Pixels, PdfImageStream? Pdf)
    {
        public long Bytes => Pixels.Data.Length + (Pdf?.Deflated.Length ?? 0);

        public CanvasImage ToImage() => CanvasImage.FromPixels(Pixels, Pdf);
    }

    private static readonly object Gate = new();
    private static readonly Dictionary<Key, LinkedListNode<(Key Key, Entry Entry)>> Entries = [];
    private static readonly LinkedList<(Key Key, Entry Entry)> Recency = [];
    private static long _bytes;

    /// <summary>The PNG at <paramref name="path"/>, scaled down if need be to fit <paramref name="maxWidth"/> × <paramref name="maxHeight"/> pixels.</summary>
    public static CanvasImage LoadPng(string path, int maxWidth, int maxHeight)
    {
        var key = KeyOf(path, maxWidth, maxHeight);
        if (key is not null && TryGet(key) is { } cached) return cached.ToImage();

        var entry = Decode(path, maxWidth, maxHeight);
        // A file rewritten while it was read must not be remembered under its old length and time.
        if (key is not null && key == KeyOf(path, maxWidth, maxHeight)) Add(key, entry);
        return entry.ToImage();
    }

    private static Entry Decode(string path, int maxWidth, int maxHeight)
    {
        using var image = CanvasImage.LoadPng(path);
        using var fitted = image.FitWithin(maxWidth, maxHeight);
        var pixels = (fitted ?? image).CopyPixels();
        var pdf = PdfImageStream.Encode(pixels);
        // Opaque pixels in ARGB32 are valid RGB24 as they are. Cairo takes an RGB24 image as opaque
        // without scanning its alpha, and never gives it a soft mask.
        if (pdf is not null && pixels.Format == Cairo.FormatArgb32) pixels = pixels with { Format = Cairo.FormatRgb24 };
        return new Entry(pixels, pdf);
    }

    private static Key? KeyOf(string path, int maxWidth, int maxHeight)
    {
        var file = new FileInfo(path);
        return file.Exists ? new Key(file.FullName, file.Length, file.LastWriteTimeUtc, maxWidth, maxHeight) : null;
    }

    private static Entry? TryGet(Key key)
    {
        lock (Gate)
        {
            if (!Entries.TryGetValue(key, out var node)) return null;
            Recency.Remove(node);
            Recency.AddFirst(node);
            return node.Value.Entry;
        }
    }

    private static void Add(Key key, Entry entry)
    {
        if (entry.Bytes > MaxBytes) return;
        lock (Gate)
        {
            if (Entries.ContainsKey(key)) return;
            Entries[key] = Recency.AddFirst((key, entry));
            _bytes += entry.Bytes;
            while (_bytes > MaxBytes)
            {
                var oldest = Recency.Last!;
                Recency.RemoveLast();
                Entries.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Entry.Bytes;
            }
        }
    }
}
