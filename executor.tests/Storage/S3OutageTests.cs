using System.Net;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Storage;

/// <summary>
/// S3 going away during completion, for real: this class owns its moto_server, kills it, and
/// starts it again on the same port. Shared servers of other tests are never touched.
/// </summary>
public sealed class S3OutageTests : IDisposable
{
    private readonly MotoServer _moto = new();

    [Fact]
    public async Task Completion_while_S3_is_down_answers_500_keeps_health_up_and_succeeds_once_S3_is_back()
    {
        var bucket = await _moto.CreateBucketAsync();
        using var executor = ExecutorFactory.WithSettings(_moto.ExecutorSettings(bucket));
        await executor.ExecuteAsync("""
            os.makedirs('artifacts/차트', exist_ok=True)
            for i in range(5):
                open(f'artifacts/차트/chart_{i}.png', 'wb').write(bytes([i]) * 1000)
            """);
        _moto.Stop();

        var completion = executor.PostAsync("/session/complete", new { });
        var healthWhileUploading = new List<HttpStatusCode>();
        var client = executor.CreateClient();
        do
        {
            using var health = await client.GetAsync("/health");
            healthWhileUploading.Add(health.StatusCode);
            await Task.Delay(50); // Not a timing check: only keeps the loop off a shared core.
        }
        while (!completion.IsCompleted);
        var (failed, failedBody) = await completion;

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.False(failedBody.GetProperty("upload_completed").GetBoolean());
        Assert.Equal("Session completion failed - S3 upload did not finish", failedBody.GetProperty("message").GetString());
        Assert.NotEmpty(healthWhileUploading);
        Assert.All(healthWhileUploading, status => Assert.Equal(HttpStatusCode.OK, status));
        using (var healthAfterFailure = await client.GetAsync("/health"))
            Assert.Equal(HttpStatusCode.OK, healthAfterFailure.StatusCode);

        _moto.Start();
        await _moto.CreateBucketAsync(bucket);
        var (retried, retriedBody) = await executor.PostAsync("/session/complete", new { });

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.True(retriedBody.GetProperty("upload_completed").GetBoolean());
        Assert.Equal(
            new[] { "artifacts/차트/chart_0.png", "artifacts/차트/chart_1.png", "artifacts/차트/chart_2.png", "artifacts/차트/chart_3.png",
                    "artifacts/차트/chart_4.png", "debug/execution_1.json", "debug/session_status.json" },
            await _moto.KeysUnderAsync(bucket, $"deep-insight/fargate_sessions/{executor.SessionId}/"));
        using (var healthAfterUpload = await client.GetAsync("/health"))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, healthAfterUpload.StatusCode);
    }

    public void Dispose() => _moto.Dispose();
}
