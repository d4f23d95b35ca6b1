namespace DeepInsight.Executor.Rendering.Canvas;

/// <summary>
/// PNG files decoded and fitted to a size, kept process-wide (least recently used first out,
/// bounded in bytes) so that a report re-rendered with the same charts neither decodes nor
/// scales them again. An entry is keyed by the file's path, length and modification time and
/// the size asked for, so a rewritten file is read afresh. Entries are plain managed memory and
/// every caller gets its own cairo surface copied from it: cairo surfaces must not be shared
/// between threads (drawing one into a PDF attaches a snapshot to it).
/// </summary>
public static class ImageCache
{
    public const long MaxBytes = 64L * 1024 * 1024;

    private sealed record Key(string Path, long Length, DateTime Modified, int MaxWidth, int MaxHeight);

    private static readonly object Gate = new();
    private static readonly Dictionary<Key, LinkedListNode<(Key Key, ImagePixels Pixels)>> Entries = [];
    private static readonly LinkedList<(Key Key, ImagePixels Pixels)> Recency = [];
    private static long _bytes;

    /// <summary>The PNG at <paramref name="path"/>, scaled down if need be to fit <paramref name="maxWidth"/> × <paramref name="maxHeight"/> pixels.</summary>
    public static CanvasImage LoadPng(string path, int maxWidth, int maxHeight)
    {
        var key = KeyOf(path, maxWidth, maxHeight);
        if (key is not null && TryGet(key) is { } cached) return CanvasImage.FromPixels(cached);

        var image = CanvasImage.LoadPng(path);
        if (image.FitWithin(maxWidth, maxHeight) is { } fitted)
        {
            image.Dispose();
            image = fitted;
        }
        // A file rewritten while it was read must not be remembered under its old length and time.
        if (key is not null && key == KeyOf(path, maxWidth, maxHeight)) Add(key, image.CopyPixels());
        return image;
    }

    private static Key? KeyOf(string path, int maxWidth, int maxHeight)
    {
        var file = new FileInfo(path);
        return file.Exists ? new Key(file.FullName, file.Length, file.LastWriteTimeUtc, maxWidth, maxHeight) : null;
    }

    private static ImagePixels? TryGet(Key key)
    {
        lock (Gate)
        {
            if (!Entries.TryGetValue(key, out var node)) return null;
            Recency.Remove(node);
            Recency.AddFirst(node);
            return node.Value.Pixels;
        }
    }

    private static void Add(Key key, ImagePixels pixels)
    {
        if (pixels.Data.Length > MaxBytes) return;
        lock (Gate)
        {
            if (Entries.ContainsKey(key)) return;
            Entries[key] = Recency.AddFirst((key, pixels));
            _bytes += pixels.Data.Length;
            while (_bytes > MaxBytes)
            {
                var oldest = Recency.Last!;
                Recency.RemoveLast();
                Entries.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Pixels.Data.Length;
            }
        }
    }
}
