using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Storage;

/// <summary>GET /artifacts, /artifacts/{path} and /artifacts.zip over real files in the work root.</summary>
public sealed class ArtifactApiTests : IDisposable
{
    private const string Secret = "TOP-SECRET-OUTSIDE-ARTIFACTS";
    private static readonly byte[] ChartBytes = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))];
    private static readonly byte[] ReportBytes = "%PDF-1.4 보고서"u8.ToArray();

    private readonly ExecutorFactory _executor = new();
    private readonly string _artifacts;

    public ArtifactApiTests()
    {
        _artifacts = Path.Combine(_executor.WorkRoot, "artifacts");
        Directory.CreateDirectory(Path.Combine(_artifacts, "charts"));
        File.WriteAllBytes(Path.Combine(_artifacts, "charts", "x.png"), ChartBytes);
        File.WriteAllBytes(Path.Combine(_artifacts, "월간 보고서.pdf"), ReportBytes);
        File.WriteAllText(Path.Combine(_executor.WorkRoot, "secret.txt"), Secret);
        File.CreateSymbolicLink(Path.Combine(_artifacts, "link-out.txt"), Path.Combine(_executor.WorkRoot, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(_artifacts, "dir-out"), _executor.WorkRoot);
    }

    [Fact]
    public async Task Listing_names_every_regular_file_relative_to_artifacts_with_size_and_type()
    {
        using var response = await _executor.CreateClient().GetAsync("/artifacts");
        var body = await ExecutorFactory.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_executor.SessionId, body.GetProperty("session_id").GetString());
        var files = body.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["charts/x.png", "월간 보고서.pdf"], files.Select(f => f.GetProperty("path").GetString()));
        Assert.Equal([ChartBytes.Length, ReportBytes.Length], files.Select(f => f.GetProperty("size").GetInt64()));
        Assert.Equal(["image/png", "application/pdf"], files.Select(f => f.GetProperty("content_type").GetString()));
        Assert.All(files, f => Assert.True(f.GetProperty("modified").GetDateTimeOffset() > DateTimeOffset.UnixEpoch));
        Assert.Equal(ChartBytes.Length + ReportBytes.Length, body.GetProperty("total_bytes").GetInt64());
    }

    [Fact]
    public async Task Download_sends_the_bytes_with_type_utf8_file_name_and_etag_and_honours_if_none_match()
    {
        var client = _executor.CreateClient();
        using var response = await client.GetAsync("/artifacts/" + Uri.EscapeDataString("월간 보고서.pdf"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ReportBytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("월간 보고서.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);

        var conditional = new HttpRequestMessage(HttpMethod.Get, "/artifacts/charts/x.png");
        using var first = await client.GetAsync("/artifacts/charts/x.png");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task A_range_request_gets_206_with_exactly_those_bytes()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/artifacts/charts/x.png");
        request.Headers.Range = new RangeHeaderValue(1000, 1999);
        using var response = await _executor.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(ChartBytes[1000..2000], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(new ContentRangeHeaderValue(1000, 1999, ChartBytes.Length), response.Content.Headers.ContentRange);
    }

    [Fact]
    public async Task Zip_holds_every_artifact_under_its_utf8_name_and_nothing_reached_through_symlinks()
    {
        using var response = await _executor.CreateClient().GetAsync("/artifacts.zip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{_executor.SessionId}-artifacts.zip", response.Content.Headers.ContentDisposition?.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        Assert.Equal(["charts/x.png", "월간 보고서.pdf"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        Assert.Equal(ChartBytes, ReadEntry(zip, "charts/x.png"));
        Assert.Equal(ReportBytes, ReadEntry(zip, "월간 보고서.pdf"));
        // Python's zipfile reads names as cp437 unless the entry is flagged UTF-8: a second, stricter reader.
        var zipPath = Path.Combine(_executor.Root, "artifacts.zip");
        await File.WriteAllBytesAsync(zipPath, bytes);
        var names = TestPython.Run($"import json, sys, zipfile; sys.stdout.reconfigure(encoding='utf-8'); print(json.dumps(sorted(zipfile.ZipFile({System.Text.Json.JsonSerializer.Serialize(zipPath)}).namelist()), ensure_ascii=False))");
        Assert.Equal("[\"charts/x.png\", \"월간 보고서.pdf\"]", names.Trim());
    }

    [Theory]
    [InlineData("/artifacts/..%2Fsecret.txt")]
    [InlineData("/artifacts/..%2F..%2Fapp%2Fsecret.txt")]
    [InlineData("/artifacts/%2e%2e/secret.txt")]
    [InlineData("/artifacts/charts/%2E%2E/%2E%2E/secret.txt")]
    [InlineData("/artifacts/..%5Csecret.txt")]
    [InlineData("/artifacts/charts%5C..%5C..%5Csecret.txt")]
    [InlineData("/artifacts//etc/passwd")]
    [InlineData("/artifacts/%2Fetc%2Fpasswd")]
    [InlineData("/artifacts/link-out.txt")]
    [InlineData("/artifacts/dir-out/secret.txt")]
    [InlineData("/artifacts/charts")]
    [InlineData("/artifacts/missing.png")]
    public async Task Paths_that_leave_artifacts_or_name_no_file_get_a_json_error_never_the_bytes(string path)
    {
        using var response = await _executor.CreateClient().GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode} {text}");
        Assert.DoesNotContain(Secret, text);
        Assert.DoesNotContain("root:", text);
        var body = await ExecutorFactory.ReadJsonAsync(response);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
    }

    private static byte[] ReadEntry(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    public void Dispose() => _executor.Dispose();
}
