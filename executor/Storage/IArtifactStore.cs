namespace DeepInsight.Executor.Storage;

/// <summary>Where a completed session's files go: an S3 bucket, or a local directory with the same layout.</summary>
public interface IArtifactStore
{
    /// <summary>A short description for logs, e.g. "s3://bucket" or "file:///var/lib/...".</summary>
    string Description { get; }

    Task PutFileAsync(string key, string localPath, string contentType, CancellationToken cancellationToken);

    Task PutBytesAsync(string key, ReadOnlyMemory<byte> bytes, string contentType, CancellationToken cancellationToken);

    /// <summary>Removes the object under key; a key that holds nothing is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
