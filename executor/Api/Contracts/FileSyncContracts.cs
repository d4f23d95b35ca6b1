using System.Text.Json.Serialization;

namespace DeepInsight.Executor.Api.Contracts;

/// <summary>POST /file-sync; every member is required, which the endpoint checks so it can name the missing one.</summary>
public sealed record FileSyncRequest
{
    /// <summary>"sync_data_from_s3" or "sync_artifacts_to_s3".</summary>
    public string? Action { get; init; }
    public string? BucketName { get; init; }
    public string? S3KeyPrefix { get; init; }
    public string? LocalPath { get; init; }
}

/// <summary>
/// The answer of a sync that ran: status "success" or "partial", downloaded_files for a download
/// (local paths) or uploaded_files for an upload (keys), never both.
/// </summary>
public sealed record FileSyncResponse(string Status, string Message, int FilesCount)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? DownloadedFiles { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? UploadedFiles { get; init; }

    public required IReadOnlyList<FileSyncFailedFile> FailedFiles { get; init; }
}

/// <summary>One file that did not move; local_path is null when no local place was allowed for its key.</summary>
public sealed record FileSyncFailedFile(string Key, string? LocalPath, string Error);
