using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Storage;

/// <summary>POST /file-sync in both directions against a real S3 protocol server.</summary>
[Collection(MotoCollection.Name)]
public sealed class FileSyncTests
{
    private const string Prefix = "deep-insight/fargate_sessions/s1/input/";
    private readonly MotoServer _moto;

    public FileSyncTests(MotoServer moto) => _moto = moto;

    [Fact]
    public async Task Download_takes_every_page_of_more_than_a_thousand_keys()
    {
        var bucket = await _moto.CreateBucketAsync();
        using var s3 = _moto.CreateClient();
        var names = Enumerable.Range(0, 1_050).Select(i => $"part_{i / 100}/row_{i:D4}.csv").ToList();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (name, token) => await PutTextAsync(s3, bucket, Prefix + name, name, token));
        using var executor = ExecutorFactory.WithSettings(_moto.ExecutorSettings());

        var (response, body) = await SyncAsync(executor, "sync_data_from_s3", bucket, "/app/data/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.Equal(1_050, body.GetProperty("files_count").GetInt32());
        Assert.Equal("Downloaded 1050 files from S3", body.GetProperty("message").GetString());
        Assert.Contains("/app/data/part_3/row_0342.csv", body.GetProperty("downloaded_files").EnumerateArray().Select(e => e.GetString()));
        foreach (var name in names)
            Assert.Equal(name, await File.ReadAllTextAsync(Path.Combine(executor.WorkRoot, "data", name)));
    }

    [Fact]
    public async Task Download_saves_a_decomposed_korean_key_under_its_composed_name()
    {
        var bucket = await _moto.CreateBucketAsync();
        using var s3 = _moto.CreateClient();
        var composed = "매출 보고서/서울.csv";
        var decomposed = composed.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(composed, decomposed);
        await PutTextAsync(s3, bucket, Prefix + decomposed, "지역,매출", CancellationToken.None);
        using var executor = ExecutorFactory.WithSettings(_moto.ExecutorSettings());

        var (response, body) = await SyncAsync(executor, "sync_data_from_s3", bucket, "/app/data/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["/app/data/" + composed], body.GetProperty("downloaded_files").EnumerateArray().Select(e => e.GetString()));
        var dataDirectory = Path.Combine(executor.WorkRoot, "data");
        var onDisk = Directory.GetFiles(dataDirectory, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(dataDirectory, p));
        Assert.Equal([composed], onDisk);
        Assert.Equal("지역,매출", await File.ReadAllTextAsync(Path.Combine(dataDirectory, composed)));
    }

    [Fact]
    public async Task Download_refuses_and_reports_keys_that_would_land_outside_local_path()
    {
        var bucket = await _moto.CreateBucketAsync();
        using var s3 = _moto.CreateClient();
        string[] escaping = [Prefix + "../escaped.txt", Prefix + "nested/../../../escaped-too.txt"];
        foreach (var key in escaping) await PutTextAsync(s3, bucket, key, "should not be written", CancellationToken.None);
        await PutTextAsync(s3, bucket, Prefix + "kept.csv", "a,b", CancellationToken.None);
        using var executor = ExecutorFactory.WithSettings(_moto.ExecutorSettings());
        var outside = Path.Combine(executor.Root, "outside");
        Directory.CreateDirectory(outside);
        // A symlink that executed code could have left in data/: writing through it would escape too.
        Directory.CreateDirectory(Path.Combine(executor.WorkRoot, "data"));
        Directory.CreateSymbolicLink(Path.Combine(executor.WorkRoot, "data", "link"), outside);
        await PutTextAsync(s3, bucket, Prefix + "link/through-symlink.txt", "should not be written", CancellationToken.None);

        var (response, body) = await SyncAsync(executor, "sync_data_from_s3", bucket, "/app/data/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("partial", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("files_count").GetInt32());
        var failedKeys = body.GetProperty("failed_files").EnumerateArray().Select(f => f.GetProperty("key").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal([.. escaping.Append(Prefix + "link/through-symlink.txt").Order(StringComparer.Ordinal)], failedKeys);
        Assert.All(body.GetProperty("failed_files").EnumerateArray(), f => Assert.False(string.IsNullOrEmpty(f.GetProperty("error").GetString())));
        Assert.Equal("a,b", await File.ReadAllTextAsync(Path.Combine(executor.WorkRoot, "data", "kept.csv")));
        Assert.Empty(Directory.GetFileSystemEntries(outside));
        Assert.False(File.Exists(Path.Combine(executor.WorkRoot, "escaped.txt")));
        Assert.False(File.Exists(Path.Combine(executor.Root, "escaped-too.txt")));
    }

    [Theory]
    [InlineData("/etc/")]
    [InlineData("/app/../../tmp/")]
    [InlineData("../outside/")]
    public async Task Local_path_outside_the_work_root_is_refused(string localPath)
    {
        var bucket = await _moto.CreateBucketAsync();
        using var executor = ExecutorFactory.WithSettings(_moto.ExecutorSettings());

        var (response, body) = await SyncAsync(executor, "sync_data_from_s3", bucket, localPath);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("local_path", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Upload_sends_every_file_under_local_path_with_its_relative_key_type_and_bytes()
    {
        var bucket = await _moto.CreateBucketAsync();
        using var executor = ExecutorFactory.WithSettings(_moto.ExecutorSettings());
        var artifacts = Path.Combine(executor.WorkRoot, "artifacts");
        Directory.CreateDirectory(Path.Combine(artifacts, "차트"));
        await File.WriteAllBytesAsync(Path.Combine(artifacts, "차트", "매출.png"), [137, 80, 78, 71, 0, 255]);
        await File.WriteAllTextAsync(Path.Combine(artifacts, "report.json"), "{\"ok\": true}");
        const string uploadPrefix = "deep-insight/fargate_sessions/s1/output";

        var (response, body) = await SyncAsync(executor, "sync_artifacts_to_s3", bucket, "/app/artifacts/", uploadPrefix);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.Equal("Uploaded 2 files to S3", body.GetProperty("message").GetString());
        Assert.Equal([uploadPrefix + "/report.json", uploadPrefix + "/차트/매출.png"],
            body.GetProperty("uploaded_files").EnumerateArray().Select(e => e.GetString()));
        using var s3 = _moto.CreateClient();
        using var png = await s3.GetObjectAsync(bucket, uploadPrefix + "/차트/매출.png");
        Assert.Equal("image/png", png.Headers.ContentType);
        using var bytes = new MemoryStream();
        await png.ResponseStream.CopyToAsync(bytes);
        Assert.Equal(new byte[] { 137, 80, 78, 71, 0, 255 }, bytes.ToArray());
    }

    [Fact]
    public async Task A_bucket_that_does_not_exist_is_a_500_with_an_error()
    {
        using var executor = ExecutorFactory.WithSettings(_moto.ExecutorSettings());

        var (response, body) = await SyncAsync(executor, "sync_data_from_s3", "no-such-bucket-" + Guid.NewGuid().ToString("N")[..8], "/app/data/");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("S3", body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("""{"bucket_name": "b", "s3_key_prefix": "p/", "local_path": "/app/data/"}""", "action")]
    [InlineData("""{"action": "sync_everything", "bucket_name": "b", "s3_key_prefix": "p/", "local_path": "/app/data/"}""", "sync_everything")]
    [InlineData("""{"action": "sync_data_from_s3", "s3_key_prefix": "p/", "local_path": "/app/data/"}""", "bucket_name")]
    [InlineData("""{"action": "sync_data_from_s3", "bucket_name": "b", "local_path": "/app/data/"}""", "s3_key_prefix")]
    [InlineData("""{"action": "sync_artifacts_to_s3", "bucket_name": "b", "s3_key_prefix": "p/"}""", "local_path")]
    [InlineData("""{"action": "sync_artifacts_to_s3", "bucket_name": "", "s3_key_prefix": "p/", "local_path": "/app/data/"}""", "bucket_name")]
    public async Task Missing_parameters_and_unknown_actions_are_400_naming_the_problem(string request, string named)
    {
        using var executor = new ExecutorFactory();

        // No S3 settings at all: a bad request is a 400 before any S3 client is needed.
        var (response, body) = await executor.SendRawAsync(HttpMethod.Post, "/file-sync", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, body.GetProperty("error").GetString());
    }

    private Task<(HttpResponseMessage Response, JsonElement Body)> SyncAsync(ExecutorFactory executor, string action, string bucket, string localPath, string prefix = Prefix) =>
        executor.PostAsync("/file-sync", new { action, bucket_name = bucket, s3_key_prefix = prefix, local_path = localPath });

    private static Task PutTextAsync(IAmazonS3 s3, string bucket, string key, string text, CancellationToken cancellationToken) =>
        s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = text }, cancellationToken);
}
