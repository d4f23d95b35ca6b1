using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime;
using DeepInsight.Executor.Api.Contracts;
using DeepInsight.Executor.Storage;

namespace DeepInsight.Executor.Api;

/// <summary>
/// POST /file-sync: the runtime's input download (sync_data_from_s3) and the artifact upload
/// (sync_artifacts_to_s3), with local_path confined to the work root and per-file failures
/// reported as status "partial".
/// </summary>
public static class FileSyncEndpoints
{
    private const string DownloadAction = "sync_data_from_s3";
    private const string UploadAction = "sync_artifacts_to_s3";

    public static IEndpointRouteBuilder MapFileSyncEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/file-sync", SyncAsync)
            .Answers<FileSyncResponse>()
            .Takes<FileSyncRequest>()
            // 500: the S3 client, the listing or the bucket failed as a whole (status "error").
            .Fails(StatusCodes.Status500InternalServerError);
        return app;
    }

    private static async Task<JsonAnswer> SyncAsync(HttpRequest request, ApiOptions options, WorkRoot workRoot, ILogger<FileSync> logger)
    {
        var (body, bodyError) = await JsonBody.ReadAsync<FileSyncRequest>(request, options.MaxRequestBodyBytes);
        if (body is null) return bodyError!;
        var parameters = body.Value;
        if (!IsGiven("action", parameters.Action, out var action, out var error)) return error;
        if (action is not (DownloadAction or UploadAction))
            return ApiJson.Error(StatusCodes.Status400BadRequest, $"Unknown action '{action}': expected {DownloadAction} or {UploadAction}");
        if (!IsGiven("bucket_name", parameters.BucketName, out var bucket, out error)
            || !IsGiven("s3_key_prefix", parameters.S3KeyPrefix, out var prefix, out error)
            || !IsGiven("local_path", parameters.LocalPath, out var requestedPath, out error))
            return error;

        var localDirectory = workRoot.MapRequestPath(requestedPath);
        if (!ConfinedPath.IsWithin(workRoot.Path, localDirectory))
            return ApiJson.Error(StatusCodes.Status400BadRequest, $"local_path must be inside the work root (/app): '{requestedPath}'");
        var download = action == DownloadAction;
        var confined = download
            ? ConfinedPath.TryCreateDirectoryWithin(workRoot.Path, localDirectory)
            : !Directory.Exists(localDirectory) || ConfinedPath.RealPathIsWithin(workRoot.Path, localDirectory);
        if (!confined)
            return ApiJson.Error(StatusCodes.Status400BadRequest, $"local_path resolves outside the work root (/app) through a symlink: '{requestedPath}'");

        FileSyncResult result;
        try
        {
            // Resolved only now: building the S3 client needs a region, and a bad request deserves its 400 whatever the configuration.
            var sync = request.HttpContext.RequestServices.GetRequiredService<FileSync>();
            result = download
                ? await sync.DownloadAsync(bucket, prefix, localDirectory, request.HttpContext.RequestAborted)
                : await sync.UploadAsync(bucket, prefix, localDirectory, request.HttpContext.RequestAborted);
        }
        // Per-file failures are in the result; what reaches here is the client, the listing or the bucket failing.
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            logger.LogError(ex, "File sync {Action} of s3://{Bucket}/{Prefix} failed", action, bucket, prefix);
            return ApiJson.Status(StatusCodes.Status500InternalServerError, new ErrorResponse($"S3 request failed: {ex.Message}") { Status = "error" });
        }

        if (result.Failed.Count > 0)
            logger.LogWarning("File sync {Action} of s3://{Bucket}/{Prefix}: {FailedCount} files failed: {FailedKeys}",
                action, bucket, prefix, result.Failed.Count, result.Failed.Take(50).Select(f => f.Key).ToArray());
        return ApiJson.Ok(download ? DownloadAnswer(result, requestedPath) : UploadAnswer(result, requestedPath));
    }

    private static FileSyncResponse DownloadAnswer(FileSyncResult result, string requestedPath) =>
        new(StatusOf(result), $"Downloaded {result.Synced.Count} files from S3" + FailureNote(result), result.Synced.Count)
        {
            DownloadedFiles = [.. result.Synced.Select(f => InRequestFrame(requestedPath, f.RelativePath))],
            FailedFiles = FailedFiles(result, requestedPath),
        };

    private static FileSyncResponse UploadAnswer(FileSyncResult result, string requestedPath) =>
        new(StatusOf(result), $"Uploaded {result.Synced.Count} files to S3" + FailureNote(result), result.Synced.Count)
        {
            UploadedFiles = [.. result.Synced.Select(f => f.Key)],
            FailedFiles = FailedFiles(result, requestedPath),
        };

    private static string StatusOf(FileSyncResult result) => result.Failed.Count == 0 ? "success" : "partial";

    private static string FailureNote(FileSyncResult result) => result.Failed.Count == 0 ? "" : $"; {result.Failed.Count} failed";

    private static FileSyncFailedFile[] FailedFiles(FileSyncResult result, string requestedPath) =>
        [.. result.Failed.Select(f => new FileSyncFailedFile(f.Key, f.RelativePath is null ? null : InRequestFrame(requestedPath, f.RelativePath), f.Error))];

    /// <summary>Local paths are reported as the runtime named them (/app/data/...), whatever the work root is here.</summary>
    private static string InRequestFrame(string requestedPath, string relativePath) =>
        requestedPath.TrimEnd('/') + "/" + relativePath;

    /// <summary>Whether a parameter that must be a non-empty string is one; the 400 naming it when not.</summary>
    private static bool IsGiven(string name, string? value, out string given, [NotNullWhen(false)] out JsonAnswer? missing)
    {
        given = value ?? "";
        missing = string.IsNullOrEmpty(value) ? ApiJson.Error(StatusCodes.Status400BadRequest, $"Missing required parameter '{name}'") : null;
        return missing is null;
    }
}
