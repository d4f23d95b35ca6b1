using DeepInsight.Executor.Api.Contracts;
using DeepInsight.Executor.Sessions;
using DeepInsight.Executor.Storage;
using Microsoft.Net.Http.Headers;

namespace DeepInsight.Executor.Api;

/// <summary>
/// The artifact download API: GET /artifacts (listing), GET /artifacts/{path} (one file, with
/// ETag, Last-Modified, byte ranges and a UTF-8 file name) and GET /artifacts.zip (everything).
/// </summary>
public static class ArtifactEndpoints
{
    public static IEndpointRouteBuilder MapArtifactEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/artifacts", (ArtifactDirectory artifacts, SessionState session) =>
            {
                var files = artifacts.List();
                return ApiJson.Ok(new ArtifactListResponse(
                    session.SessionId,
                    [.. files.Select(file => new ArtifactEntry(file.RelativePath, file.Size, file.Modified, file.ContentType))],
                    files.Sum(file => file.Size)));
            })
            .Answers<ArtifactListResponse>();
        app.MapGet("/artifacts.zip", WriteZipAsync)
            .Produces<Stream>(StatusCodes.Status200OK, "application/zip");
        // The file with its own Content-Type (by extension), whole (200) or a byte range (206); or
        // no body: unchanged since the client's copy (304), a failed If-Match (412), a range
        // outside the file (416).
        app.MapGet("/artifacts/{**path}", Download)
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
            .Produces<Stream>(StatusCodes.Status206PartialContent, "application/octet-stream")
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status412PreconditionFailed)
            .Produces(StatusCodes.Status416RangeNotSatisfiable)
            .Fails(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return app;
    }

    private static IResult Download(string? path, ArtifactDirectory artifacts)
    {
        var lookup = artifacts.Find(path ?? "");
        return lookup.Status switch
        {
            ArtifactLookupStatus.Found when lookup.File is { } file => Results.File(file.FullPath, file.ContentType,
                fileDownloadName: Path.GetFileName(file.RelativePath),
                lastModified: file.Modified,
                entityTag: EntityTagOf(file),
                enableRangeProcessing: true),
            ArtifactLookupStatus.InvalidPath => ApiJson.Error(StatusCodes.Status400BadRequest, $"Invalid artifact path: '{path}'"),
            _ => ApiJson.Error(StatusCodes.Status404NotFound, $"Artifact not found: '{path}'"),
        };
    }

    private static async Task WriteZipAsync(HttpContext context, ArtifactDirectory artifacts, SessionState session)
    {
        context.Response.ContentType = "application/zip";
        context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = $"{session.SessionId}-artifacts.zip",
            FileName = $"{session.SessionId}-artifacts.zip",
        }.ToString();
        await ArtifactZip.WriteAsync(context.Response.Body, artifacts.List(), context.RequestAborted);
    }

    /// <summary>Size and modification time: changes whenever an execution rewrites the file.</summary>
    private static EntityTagHeaderValue EntityTagOf(ArtifactFile file) =>
        new($"\"{file.Size:x}-{file.Modified.UtcTicks:x}\"");
}
