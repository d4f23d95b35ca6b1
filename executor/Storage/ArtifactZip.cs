using System.IO.Compression;

namespace DeepInsight.Executor.Storage;

/// <summary>
/// Streams artifacts as one zip into a (non-seekable) response body, chunk by chunk, so no
/// archive is ever held in memory or on disk. Entry names are UTF-8 (ZipArchive sets the
/// language-encoding flag for non-ASCII names), so Korean file names survive.
/// </summary>
public static class ArtifactZip
{
    private const int ChunkBytes = 64 * 1024;

    private static readonly HashSet<string> AlreadyCompressed = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".zip", ".gz", ".xlsx", ".docx", ".pptx", ".parquet",
    };

    public static async Task WriteAsync(Stream output, IEnumerable<ArtifactFile> files, CancellationToken cancellationToken)
    {
        var buffer = new SyncWriteBuffer();
        var chunk = new byte[ChunkBytes];
        await using (var archive = await ZipArchive.CreateAsync(buffer, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            foreach (var file in files)
            {
                FileStream source;
                try
                {
                    source = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, ChunkBytes, useAsync: true);
                }
                catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
                {
                    continue; // Deleted by an execution since the listing: nothing to send.
                }
                await using (source)
                {
                    // Compressing PNGs and PDFs again costs CPU on a small task and saves nothing.
                    var level = AlreadyCompressed.Contains(Path.GetExtension(file.RelativePath)) ? CompressionLevel.NoCompression : CompressionLevel.Fastest;
                    var entry = archive.CreateEntry(file.RelativePath, level);
                    entry.LastWriteTime = file.Modified;
                    await using (var destination = await entry.OpenAsync(cancellationToken))
                    {
                        int read;
                        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
                        {
                            await destination.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
                            await buffer.DrainToAsync(output, cancellationToken);
                        }
                    }
                }
                await buffer.DrainToAsync(output, cancellationToken);
            }
        }
        await buffer.DrainToAsync(output, cancellationToken); // The central directory.
    }
}
