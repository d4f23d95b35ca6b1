namespace DeepInsight.Executor.Storage;

/// <summary>
/// The store used when no bucket is configured: the S3 layout written under a local directory,
/// so a plain `docker run` completes its session instead of failing as the old server did.
/// </summary>
public sealed class LocalDirectoryStore : IArtifactStore
{
    private readonly string _root;

    public LocalDirectoryStore(string root) => _root = Path.GetFullPath(root);

    public string Description => $"file://{_root}";

    public async Task PutFileAsync(string key, string localPath, string contentType, CancellationToken cancellationToken)
    {
        var target = TargetOf(key);
        var temporary = target + ".partial";
        await using (var source = File.OpenRead(localPath))
        await using (var destination = File.Create(temporary))
        {
            await source.CopyToAsync(destination, cancellationToken);
        }
        File.Move(temporary, target, overwrite: true);
    }

    public async Task PutBytesAsync(string key, ReadOnlyMemory<byte> bytes, string contentType, CancellationToken cancellationToken)
    {
        var target = TargetOf(key);
        var temporary = target + ".partial";
        await File.WriteAllBytesAsync(temporary, bytes.ToArray(), cancellationToken);
        File.Move(temporary, target, overwrite: true);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var target = TargetOf(key, createParent: false);
        File.Delete(target); // No error when the file is not there, as S3's DeleteObject.
        // Folders left empty go too, as S3 has no folders: the tree mirrors the keys that exist.
        for (var folder = Path.GetDirectoryName(target); folder is not null && folder.Length > _root.Length; folder = Path.GetDirectoryName(folder))
        {
            if (!Directory.Exists(folder) || Directory.EnumerateFileSystemEntries(folder).Any()) break;
            Directory.Delete(folder);
        }
        return Task.CompletedTask;
    }

    /// <summary>Maps a key to a path under the root, refusing keys that would climb out of it.</summary>
    private string TargetOf(string key, bool createParent = true)
    {
        var target = Path.GetFullPath(Path.Combine(_root, key));
        if (!target.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"Key escapes the store: {key}", nameof(key));
        if (createParent) Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        return target;
    }
}
