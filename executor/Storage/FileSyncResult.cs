namespace DeepInsight.Executor.Storage;

/// <summary>One file moved by /file-sync: its S3 key and its path relative to local_path.</summary>
public sealed record SyncedFile(string Key, string RelativePath);

/// <summary>One file /file-sync could not move, and why; RelativePath is null when no local place was allowed.</summary>
public sealed record FileSyncFailure(string Key, string? RelativePath, string Error);

/// <summary>What a sync did, file by file, so that no failure goes unreported.</summary>
public sealed record FileSyncResult(IReadOnlyList<SyncedFile> Synced, IReadOnlyList<FileSyncFailure> Failed);
