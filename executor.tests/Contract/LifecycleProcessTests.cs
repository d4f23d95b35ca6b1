using System.Net;
using System.Net.Http.Json;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Contract;

/// <summary>The task's own exits, observed on the executor running as a real process.</summary>
public sealed class LifecycleProcessTests
{
    private const int SIGTERM = 15;

    [Fact]
    public async Task The_process_exits_after_the_grace_period_following_completion()
    {
        using var server = new ServerProcess(new Dictionary<string, string> { ["EXECUTOR_POST_COMPLETE_GRACE_SECONDS"] = "1" });
        await server.WaitUntilListeningAsync();

        var completion = await server.Client.PostAsJsonAsync("/session/complete", new { session_id = server.SessionId });
        var unhealthy = await server.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, completion.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(30)), server.Output);
        Assert.Equal(0, server.Process.ExitCode);
    }

    [Fact]
    public async Task Sigterm_uploads_an_open_session_before_exiting()
    {
        using var server = new ServerProcess();
        await server.WaitUntilListeningAsync();
        var execute = await server.Client.PostAsJsonAsync("/execute", new { code = "open('artifacts/마지막.txt', 'w').write('saved')" });
        Assert.Equal(HttpStatusCode.OK, execute.StatusCode);

        server.Signal(SIGTERM);

        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(60)), server.Output);
        Assert.Equal("saved", File.ReadAllText(Path.Combine(server.StoreSessionPath, "artifacts", "마지막.txt")));
        Assert.True(File.Exists(Path.Combine(server.StoreSessionPath, "debug", "session_status.json")), server.Output);
        Assert.Contains("Stop final upload succeeded", server.Messages);
        Assert.Equal(0, server.Process.ExitCode);
    }

    [Fact]
    public async Task Sigterm_during_a_long_execution_refuses_new_work_stops_it_after_the_drain_and_stores_everything_in_time()
    {
        var stopTimeout = TimeSpan.FromSeconds(15);
        using var server = new ServerProcess(new Dictionary<string, string>
        {
            ["EXECUTOR_STOP_DRAIN_SECONDS"] = "5",
            ["EXECUTOR_STOP_TIMEOUT_SECONDS"] = stopTimeout.TotalSeconds.ToString(),
        });
        await server.WaitUntilListeningAsync();
        var longRun = server.Client.PostAsJsonAsync("/execute", new
        {
            code = "open('artifacts/before_stop.txt', 'w').write('written before the stop')\n" +
                   "print('partial output', flush=True)\n" +
                   "import time\ntime.sleep(90)",
        });
        await Poll.UntilAsync(() => File.Exists(Path.Combine(server.WorkRoot, "artifacts", "before_stop.txt")), () => server.Output);

        server.Signal(SIGTERM);
        var sinceSignal = System.Diagnostics.Stopwatch.StartNew();
        // The signal is delivered asynchronously: /health turns 503 when the stop has begun.
        await Poll.UntilAsync(async () => (await server.Client.GetAsync("/health")).StatusCode == HttpStatusCode.ServiceUnavailable, () => server.Output);
        var health = await server.Client.GetAsync("/health");
        var refused = await server.Client.PostAsJsonAsync("/execute", new { code = "print('after the signal')" });

        var stopped = await longRun;
        var exited = await server.WaitForExitAsync(stopTimeout + TimeSpan.FromSeconds(30));
        var stopDuration = sinceSignal.Elapsed;

        Assert.Equal("stopping", (await ExecutorFactory.ReadJsonAsync(health)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("stopping", (await ExecutorFactory.ReadJsonAsync(refused)).GetProperty("error").GetString());
        // The stopped execution is answered on its open connection.
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        var answer = await ExecutorFactory.ReadJsonAsync(stopped);
        Assert.Equal("failed", answer.GetProperty("status").GetString());
        Assert.Equal("TaskStopping", answer.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("partial output", answer.GetProperty("stdout").GetString());

        // Within the stop timeout: past it ECS sends SIGKILL, and what was not uploaded is lost.
        Assert.True(exited, server.Output);
        Assert.True(stopDuration < stopTimeout, $"exited {stopDuration.TotalSeconds:F1} s after SIGTERM\n{server.Output}");
        Assert.Equal(0, server.Process.ExitCode);
        Assert.Equal("written before the stop", File.ReadAllText(Path.Combine(server.StoreSessionPath, "artifacts", "before_stop.txt")));
        using var record = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(server.StoreSessionPath, "debug", "execution_1.json")));
        Assert.Equal("failed", record.RootElement.GetProperty("status").GetString());
        Assert.Equal("TaskStopping", record.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("partial output", record.RootElement.GetProperty("stdout").GetString());
        using var status = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(server.StoreSessionPath, "debug", "session_status.json")));
        Assert.Equal(1, status.RootElement.GetProperty("total_executions").GetInt32());
        Assert.Equal("failed", status.RootElement.GetProperty("executions")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_execution_still_waiting_for_a_slot_at_the_stop_is_recorded_as_TaskStopping_without_running()
    {
        using var server = new ServerProcess(new Dictionary<string, string>
        {
            ["EXECUTOR_MAX_CONCURRENT"] = "1",
            ["EXECUTOR_STOP_DRAIN_SECONDS"] = "2",
            ["EXECUTOR_STOP_TIMEOUT_SECONDS"] = "12",
        });
        await server.WaitUntilListeningAsync();
        var running = server.Client.PostAsJsonAsync("/execute", new { code = "open('artifacts/first.txt', 'w').write('1')\nimport time\ntime.sleep(90)" });
        await Poll.UntilAsync(() => File.Exists(Path.Combine(server.WorkRoot, "artifacts", "first.txt")), () => server.Output);
        var waiting = server.Client.PostAsJsonAsync("/execute", new { code = "open('artifacts/second.txt', 'w').write('2')" });
        await Poll.UntilAsync(async () => (await ExecutorFactory.ReadJsonAsync(await server.Client.GetAsync("/session/status"))).GetProperty("executions_started").GetInt32() == 2, () => server.Output);

        server.Signal(SIGTERM);
        var first = await ExecutorFactory.ReadJsonAsync(await running);
        var second = await ExecutorFactory.ReadJsonAsync(await waiting);

        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(60)), server.Output);
        Assert.Equal("TaskStopping", first.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("TaskStopping", second.GetProperty("error").GetProperty("type").GetString());
        Assert.False(File.Exists(Path.Combine(server.WorkRoot, "artifacts", "second.txt")));
        Assert.True(File.Exists(Path.Combine(server.StoreSessionPath, "debug", "execution_2.json")), server.Output);
    }

    [Fact]
    public async Task The_lifetime_cap_uploads_and_exits()
    {
        using var server = new ServerProcess(new Dictionary<string, string>
        {
            ["EXECUTOR_MAX_LIFETIME_SECONDS"] = "4",
            ["EXECUTOR_POST_COMPLETE_GRACE_SECONDS"] = "60",
        });
        await server.WaitUntilListeningAsync();

        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(60)), server.Output);
        Assert.True(File.Exists(Path.Combine(server.StoreSessionPath, "debug", "session_status.json")), server.Output);
        Assert.Contains("Lifetime cap", server.Messages);
    }

    private const string AmznTraceId = "Root=1-67891233-abcdef012345678912345678";

    private static bool IsRequestEvent(ServerLogEvent e) =>
        e.Template.StartsWith("HTTP {RequestMethod}") && e["RequestPath"].GetString() == "/execute";

    [Fact]
    public async Task Logs_are_json_lines_with_the_session_and_the_alb_trace_id()
    {
        using var server = new ServerProcess();
        await server.WaitUntilListeningAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/execute") { Content = JsonContent.Create(new { code = "print(1)" }) };
        request.Headers.Add("X-Amzn-Trace-Id", AmznTraceId);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(request)).StatusCode);
        // The request's event is written once its answer is sent, maybe after the client has it.
        await Poll.UntilAsync(() => server.Log.Any(IsRequestEvent), () => server.Output);

        var log = server.Log;
        Assert.All(log, e => Assert.True(e.Json.TryGetProperty("@t", out _), e.Json.GetRawText()));
        var execution = log.Single(e => e.Template.StartsWith("Execution {ExecutionNum}"));
        Assert.Equal(server.SessionId, execution["session_id"].GetString());
        Assert.Equal(1, execution["ExecutionNum"].GetInt32());
        Assert.Equal("python", execution["CodeType"].GetString());
        Assert.Equal("completed", execution["Status"].GetString());
        // Not in the message: from the scope every event of the execution is logged in.
        Assert.Equal("python", execution["Language"].GetString());
        Assert.Equal(AmznTraceId, execution["AmznTraceId"].GetString());
        var answered = log.Single(IsRequestEvent);
        Assert.Equal("POST", answered["RequestMethod"].GetString());
        Assert.Equal(200, answered["StatusCode"].GetInt32());
        Assert.Equal(AmznTraceId, answered["AmznTraceId"].GetString());
        Assert.Equal(server.SessionId, answered["session_id"].GetString());
        // Health checks (WaitUntilListeningAsync sent one) are logged at debug level, below what is written.
        Assert.DoesNotContain(log, e => e.Json.TryGetProperty("RequestPath", out var path) && path.GetString() == "/health");
    }
}
