using System.Text.Json;
using Amazon.Runtime;
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
        app.MapPost("/file-sync", SyncAsync);
        return app;
    }

    private static async Task<IResult> SyncAsync(HttpRequest request, ApiOptions options, WorkRoot workRoot, ILogger<FileSync> logger)
    {
        var (body, bodyError) = await JsonBody.ReadObjectAsync(request, options.MaxRequestBodyBytes);
        if (bodyError is not null) return bodyError;
        if (!TryGetRequired(body, "action", out var action, out var error)) return error!;
        if (action is not (DownloadAction or UploadAction))
            return ApiJson.Error(StatusCodes.Status400BadRequest, $"Unknown action '{action}': expected {DownloadAction} or {UploadAction}");
        if (!TryGetRequired(body, "bucket_name", out var bucket, out error)
            || !TryGetRequired(body, "s3_key_prefix", out var prefix, out error)
            || !TryGetRequired(body, "local_path", out var requestedPath, out error))
            return error!;

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
            return ApiJson.Status(StatusCodes.Status500InternalServerError, new { status = "error", error = $"S3 request failed: {ex.Message}" });
        }

        if (result.Failed.Count > 0)
            logger.LogWarning("File sync {Action} of s3://{Bucket}/{Prefix}: {FailedCount} files failed: {FailedKeys}",
                action, bucket, prefix, result.Failed.Count, result.Failed.Take(50).Select(f => f.Key).ToArray());
        return ApiJson.Ok(download ? DownloadAnswer(result, requestedPath) : UploadAnswer(result, requestedPath));
    }

    private static object DownloadAnswer(FileSyncResult result, string requestedPath) => new
    {
        status = StatusOf(result),
        message = $"Downloaded {result.Synced.Count} files from S3" + FailureNote(result),
        files_count = result.Synced.Count,
        downloaded_files = result.Synced.Select(f => InRequestFrame(requestedPath, f.RelativePath)),
        failed_files = FailedFiles(result, requestedPath),
    };

    private static object UploadAnswer(FileSyncResult result, string requestedPath) => new
    {
        status = StatusOf(result),
        message = $"Uploaded {result.Synced.Count} files to S3" + FailureNote(result),
        files_count = result.Synced.Count,
        uploaded_files = result.Synced.Select(f => f.Key),
        failed_files = FailedFiles(result, requestedPath),
    };

    private static string StatusOf(FileSyncResult result) => result.Failed.Count == 0 ? "success" : "partial";

    private static string FailureNote(FileSyncResult result) => result.Failed.Count == 0 ? "" : $"; {result.Failed.Count} failed";

    private static IEnumerable<object> FailedFiles(FileSyncResult result, string requestedPath) =>
        result.Failed.Select(f => new
        {
            key = f.Key,
            local_path = f.RelativePath is null ? null : InRequestFrame(requestedPath, f.RelativePath),
            error = f.Error,
        });

    /// <summary>Local paths are reported as the runtime named them (/app/data/...), whatever the work root is here.</summary>
    private static string InRequestFrame(string requestedPath, string relativePath) =>
        requestedPath.TrimEnd('/') + "/" + relativePath;

    /// <summary>A parameter that must be a non-empty string.</summary>
    private static bool TryGetRequired(JsonElement body, string name, out string value, out JsonAnswer? error)
    {
        value = "";
        if (!JsonBody.TryGetOptionalString(body, name, out var text, out error)) return false;
        if (string.IsNullOrEmpty(text))
        {
            error = ApiJson.Error(StatusCodes.Status400BadRequest, $"Missing required parameter '{name}'");
            return false;
        }
        value = text;
        return true;
    }
}
