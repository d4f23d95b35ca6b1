using System.Net;
using Amazon.S3;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Storage;

/// <summary>POST /session/complete against a real S3 protocol server: the contract's layout, names, types and bytes.</summary>
[Collection(MotoCollection.Name)]
public sealed class S3SessionUploadTests
{
    private readonly MotoServer _moto;

    public S3SessionUploadTests(MotoServer moto) => _moto = moto;

    [Fact]
    public async Task Completion_uploads_the_whole_layout_with_korean_keys_content_types_and_bytes_intact()
    {
        var bucket = await _moto.CreateBucketAsync();
        using var executor = ExecutorFactory.WithSettings(_moto.ExecutorSettings(bucket));
        await executor.ExecuteAsync("""
            os.makedirs('artifacts/차트', exist_ok=True)
            open('artifacts/차트/월별 매출.png', 'wb').write(bytes(range(256)) * 40)
            open('artifacts/보고서.pdf', 'wb').write(b'%PDF-1.4 ' + bytes(range(256)))
            open('artifacts/요약.txt', 'w', encoding='utf-8').write('매출이 12% 늘었습니다')
            """);
        await executor.ExecuteAsync("""
            open('data/입력 데이터.csv', 'w', encoding='utf-8').write('지역,매출\n서울,100\n')
            open('data/model.bin', 'wb').write(b'\x00\x01\x02')
            """);

        var (response, body) = await executor.PostAsync("/session/complete", new { session_id = executor.SessionId });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("upload_completed").GetBoolean());
        var prefix = $"deep-insight/fargate_sessions/{executor.SessionId}/";
        Assert.Equal(new[]
        {
            "artifacts/보고서.pdf", "artifacts/요약.txt", "artifacts/차트/월별 매출.png",
            "data/model.bin", "data/입력 데이터.csv",
            "debug/execution_1.json", "debug/execution_2.json", "debug/session_status.json",
        }, await _moto.KeysUnderAsync(bucket, prefix));
        using var s3 = _moto.CreateClient();

        await AssertObjectAsync(s3, bucket, prefix + "artifacts/차트/월별 매출.png", "image/png", Enumerable.Repeat(Enumerable.Range(0, 256).Select(i => (byte)i), 40).SelectMany(b => b).ToArray());
        await AssertObjectAsync(s3, bucket, prefix + "artifacts/보고서.pdf", "application/pdf", [.. "%PDF-1.4 "u8.ToArray(), .. Enumerable.Range(0, 256).Select(i => (byte)i)]);
        await AssertObjectAsync(s3, bucket, prefix + "artifacts/요약.txt", "text/plain", "매출이 12% 늘었습니다"u8.ToArray());
        await AssertObjectAsync(s3, bucket, prefix + "data/입력 데이터.csv", "text/csv", "지역,매출\n서울,100\n"u8.ToArray());
        await AssertObjectAsync(s3, bucket, prefix + "data/model.bin", "application/octet-stream", [0, 1, 2]);
        var status = await ReadJsonObjectAsync(s3, bucket, prefix + "debug/session_status.json", "application/json");
        Assert.Equal(executor.SessionId, status.GetProperty("session_id").GetString());
        Assert.Equal(2, status.GetProperty("total_executions").GetInt32());
        var record = await ReadJsonObjectAsync(s3, bucket, prefix + "debug/execution_2.json", "application/json");
        Assert.Equal(2, record.GetProperty("execution_num").GetInt32());
    }

    [Fact]
    public async Task Second_completion_answers_200_without_uploading_again()
    {
        var bucket = await _moto.CreateBucketAsync();
        using var executor = ExecutorFactory.WithSettings(_moto.ExecutorSettings(bucket));
        await executor.ExecuteAsync("open('artifacts/chart.png', 'wb').write(b'png')");
        var (first, _) = await executor.PostAsync("/session/complete", new { });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var key = $"deep-insight/fargate_sessions/{executor.SessionId}/artifacts/chart.png";
        using var s3 = _moto.CreateClient();
        // Deleting an uploaded object makes any new upload visible: it would bring it back.
        await s3.DeleteObjectAsync(bucket, key);

        var (second, body) = await executor.PostAsync("/session/complete", new { });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True(body.GetProperty("upload_completed").GetBoolean());
        Assert.Empty(await _moto.KeysUnderAsync(bucket, key));
    }

    private static async Task AssertObjectAsync(IAmazonS3 s3, string bucket, string key, string contentType, byte[] expected)
    {
        using var response = await s3.GetObjectAsync(bucket, key);
        Assert.Equal(contentType, response.Headers.ContentType);
        using var bytes = new MemoryStream();
        await response.ResponseStream.CopyToAsync(bytes);
        Assert.Equal(expected, bytes.ToArray());
    }

    private static async Task<System.Text.Json.JsonElement> ReadJsonObjectAsync(IAmazonS3 s3, string bucket, string key, string contentType)
    {
        using var response = await s3.GetObjectAsync(bucket, key);
        Assert.Equal(contentType, response.Headers.ContentType);
        using var document = await System.Text.Json.JsonDocument.ParseAsync(response.ResponseStream);
        return document.RootElement.Clone();
    }
}
