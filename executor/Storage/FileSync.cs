using System.Collections.Concurrent;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;

namespace DeepInsight.Executor.Storage;

/// <summary>
/// The two directions of /file-sync between a bucket prefix and a local directory, with bounded
/// parallelism. Every page of the listing is read; local names are normalised to NFC (macOS
/// uploads arrive decomposed); a key that would land outside the directory is refused; and
/// each file's failure is collected instead of aborting or hiding the rest.
/// </summary>
public sealed class FileSync
{
    private const int ParallelTransfers = 16;

    private readonly IAmazonS3 _s3;

    public FileSync(IAmazonS3 s3) => _s3 = s3;

    /// <summary>Downloads every object under prefix into localDirectory (which must already be confined by the caller).</summary>
    public async Task<FileSyncResult> DownloadAsync(string bucket, string prefix, string localDirectory, CancellationToken cancellationToken)
    {
        var keys = await ListKeysAsync(bucket, prefix, cancellationToken);
        var planned = new List<SyncedFile>();
        var refused = new List<FileSyncFailure>();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var relative = key[prefix.Length..].TrimStart('/');
            // "folder/" markers that S3 consoles create are not files.
            if (relative.Length == 0 || relative.EndsWith('/')) continue;
            relative = relative.Normalize(NormalizationForm.FormC);
            if (ConfinedPath.Join(localDirectory, relative) is null)
                refused.Add(new FileSyncFailure(key, null, "Key would be written outside local_path"));
            else if (!claimed.Add(relative))
                refused.Add(new FileSyncFailure(key, relative, "Another key maps to the same local file"));
            else
                planned.Add(new SyncedFile(key, relative));
        }

        var result = await TransferAllAsync(planned, file => DownloadOneAsync(bucket, file, localDirectory, cancellationToken), cancellationToken);
        return result with { Failed = [.. refused, .. result.Failed] };
    }

    /// <summary>Uploads every regular file under localDirectory to prefix/relative path.</summary>
    public Task<FileSyncResult> UploadAsync(string bucket, string prefix, string localDirectory, CancellationToken cancellationToken)
    {
        var store = new S3ArtifactStore(_s3, bucket);
        var keyPrefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
        var files = new List<SyncedFile>();
        if (Directory.Exists(localDirectory))
        {
            // Regular files only: a symlink could point anywhere on the machine.
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
            foreach (var path in Directory.EnumerateFiles(localDirectory, "*", options))
            {
                var relative = Path.GetRelativePath(localDirectory, path);
                files.Add(new SyncedFile(keyPrefix + relative, relative));
            }
        }
        return TransferAllAsync(files, file => store.PutFileAsync(file.Key, Path.Join(localDirectory, file.RelativePath), ContentTypes.For(file.Key), cancellationToken), cancellationToken);
    }

    private async Task<List<string>> ListKeysAsync(string bucket, string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await _s3.ListObjectsV2Async(request, cancellationToken);
            // SDK v4 leaves collections null on an empty page.
            foreach (var item in page.S3Objects ?? []) keys.Add(item.Key);
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true && !string.IsNullOrEmpty(page.NextContinuationToken));
        return keys;
    }

    /// <summary>Writes through a temporary file renamed into place, so a symlink already at the target is replaced, never followed.</summary>
    private async Task DownloadOneAsync(string bucket, SyncedFile file, string localDirectory, CancellationToken cancellationToken)
    {
        var target = Path.Join(localDirectory, file.RelativePath);
        var directory = Path.GetDirectoryName(target)!;
        if (!ConfinedPath.TryCreateDirectoryWithin(localDirectory, directory))
            throw new UnauthorizedAccessException("Key would be written outside local_path through a symlink");
        var temporary = Path.Join(directory, $".{Guid.NewGuid():N}.partial");
        try
        {
            using var response = await _s3.GetObjectAsync(bucket, file.Key, cancellationToken);
            await using (var output = File.Create(temporary))
            {
                await response.ResponseStream.CopyToAsync(output, cancellationToken);
            }
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static async Task<FileSyncResult> TransferAllAsync(IReadOnlyList<SyncedFile> files, Func<SyncedFile, Task> transfer, CancellationToken cancellationToken)
    {
        var synced = new ConcurrentBag<SyncedFile>();
        var failed = new ConcurrentBag<FileSyncFailure>();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = ParallelTransfers, CancellationToken = cancellationToken },
            async (file, _) =>
            {
                try
                {
                    await transfer(file);
                    synced.Add(file);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failed.Add(new FileSyncFailure(file.Key, file.RelativePath, ex.Message));
                }
            });
        return new FileSyncResult(
            [.. synced.OrderBy(f => f.Key, StringComparer.Ordinal)],
            [.. failed.OrderBy(f => f.Key, StringComparer.Ordinal)]);
    }
}
