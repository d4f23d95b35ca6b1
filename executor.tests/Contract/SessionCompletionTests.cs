using System.Net;
using System.Text.Json;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Contract;

/// <summary>Completion to the local store (no bucket configured), each test with a session of its own.</summary>
public sealed class SessionCompletionTests
{
    [Fact]
    public async Task Completion_writes_the_contract_layout_and_closes_the_session()
    {
        using var factory = new ExecutorFactory();
        await factory.ExecuteAsync(
            "os.makedirs('artifacts/charts', exist_ok=True)\n" +
            "open('artifacts/charts/차트.png', 'wb').write(b'\\x89PNG fake')\n" +
            "open('data/매출.csv', 'w').write('a,b\\n1,2\\n')\n" +
            "print('ok')");
        await factory.ExecuteAsync("BASH: echo second");

        var (response, body) = await factory.PostAsync("/session/complete", new { session_id = factory.SessionId });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Session completed", body.GetProperty("message").GetString());
        Assert.Equal(factory.SessionId, body.GetProperty("session_id").GetString());
        Assert.Equal(2, body.GetProperty("total_executions").GetInt32());
        Assert.True(body.GetProperty("upload_completed").GetBoolean());

        var root = factory.StoreSessionPath;
        Assert.Equal(File.ReadAllBytes(Path.Combine(factory.WorkRoot, "artifacts", "charts", "차트.png")),
            File.ReadAllBytes(Path.Combine(root, "artifacts", "charts", "차트.png")));
        Assert.Equal("a,b\n1,2\n", File.ReadAllText(Path.Combine(root, "data", "매출.csv")));
        var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "debug", "execution_2.json"))).RootElement;
        Assert.Equal("bash", record.GetProperty("code_type").GetString());
        var status = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "debug", "session_status.json"))).RootElement;
        Assert.Equal(factory.SessionId, status.GetProperty("session_id").GetString());
        Assert.Equal(2, status.GetProperty("total_executions").GetInt32());
        Assert.Equal(2, status.GetProperty("executions").GetArrayLength());
        Assert.True(status.GetProperty("end_time").GetDateTimeOffset() >= status.GetProperty("start_time").GetDateTimeOffset());

        var health = await factory.CreateClient().GetAsync("/health");
        var healthBody = await ExecutorFactory.ReadJsonAsync(health);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("complete", healthBody.GetProperty("status").GetString());
        Assert.Equal(2, healthBody.GetProperty("executions_completed").GetInt32());

        var (executeResponse, executeBody) = await factory.PostAsync("/execute", new { code = "print(1)" });
        Assert.Equal(HttpStatusCode.BadRequest, executeResponse.StatusCode);
        Assert.Equal("Session is already complete", executeBody.GetProperty("error").GetString());
        Assert.Equal(factory.SessionId, executeBody.GetProperty("session_id").GetString());
    }

    [Fact]
    public async Task A_second_completion_answers_at_once_without_uploading_again()
    {
        using var factory = new ExecutorFactory();
        await factory.ExecuteAsync("open('artifacts/a.txt', 'w').write('first')");
        var (first, _) = await factory.PostAsync("/session/complete", new { });
        var uploaded = Path.Combine(factory.StoreSessionPath, "artifacts", "a.txt");
        var firstWrite = File.GetLastWriteTimeUtc(uploaded);
        File.WriteAllText(Path.Combine(factory.WorkRoot, "artifacts", "a.txt"), "changed after completion");

        var (second, body) = await factory.PostAsync("/session/complete", new { });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True(body.GetProperty("upload_completed").GetBoolean());
        Assert.Equal("first", File.ReadAllText(uploaded));
        Assert.Equal(firstWrite, File.GetLastWriteTimeUtc(uploaded));
    }

    [Fact]
    public async Task A_completion_without_a_body_is_accepted()
    {
        using var factory = new ExecutorFactory();
        var response = await factory.CreateClient().PostAsync("/session/complete", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_session_completes_by_itself_after_max_executions()
    {
        using var factory = ExecutorFactory.WithSettings(new Dictionary<string, string> { ["MAX_EXECUTIONS"] = "2" });
        var first = await factory.ExecuteAsync("print(1)");
        var second = await factory.ExecuteAsync("print(2)");
        var (third, thirdBody) = await factory.PostAsync("/execute", new { code = "print(3)" });

        Assert.False(first.GetProperty("is_session_complete").GetBoolean());
        Assert.True(second.GetProperty("is_session_complete").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, third.StatusCode);
        Assert.Equal("Session is already complete", thirdBody.GetProperty("error").GetString());
        var statusFile = Path.Combine(factory.StoreSessionPath, "debug", "session_status.json");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(statusFile) && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(File.Exists(statusFile), "the automatic completion uploaded the session");
    }

    [Fact]
    public async Task A_failed_upload_is_an_honest_500_and_the_session_stays_open_and_retryable()
    {
        using var factory = new ExecutorFactory();
        // The store's root is a file, so every write under it fails: a real failure, not a mock.
        Directory.CreateDirectory(factory.Root);
        File.WriteAllText(factory.StoreRoot, "not a directory");
        await factory.ExecuteAsync("print('kept')");

        var (failed, failedBody) = await factory.PostAsync("/session/complete", new { });
        var health = await factory.CreateClient().GetAsync("/health");
        var stillRuns = await factory.ExecuteAsync("print('still open')");
        File.Delete(factory.StoreRoot);
        var (retried, retriedBody) = await factory.PostAsync("/session/complete", new { });

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("Session completion failed - S3 upload did not finish", failedBody.GetProperty("message").GetString());
        Assert.False(failedBody.GetProperty("upload_completed").GetBoolean());
        Assert.Equal(1, failedBody.GetProperty("total_executions").GetInt32());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("still open\n", stillRuns.GetProperty("stdout").GetString());
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(2, retriedBody.GetProperty("total_executions").GetInt32());
        Assert.True(File.Exists(Path.Combine(factory.StoreSessionPath, "debug", "execution_2.json")));
    }
}
