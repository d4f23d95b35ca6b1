using System.Net;
using System.Net.Http.Json;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Telemetry;

/// <summary>
/// GET /metrics on the executor as a process (alone in it, so every number is its own): every
/// metric of docs/observability.md, in Prometheus text, with the values what the test did makes them.
/// </summary>
public sealed class MetricsProcessTests
{
    private static readonly (string, string) Python = ("execution_language", "python");

    [Fact]
    public async Task Metrics_count_executions_queue_spares_uploads_and_memory()
    {
        using var server = new ServerProcess(new Dictionary<string, string>
        {
            ["EXECUTOR_CSHARP_PREWARM"] = "false",
            ["EXECUTOR_MAX_CONCURRENT"] = "1",
            ["EXECUTOR_MAX_QUEUED"] = "1",
            ["EXECUTOR_BACKGROUND_UPLOAD"] = "false",
        });
        // A file where the store wants the session's artifacts folder: their uploads fail, the records' succeed.
        var storeSession = server.StoreSessionPath;
        Directory.CreateDirectory(storeSession);
        File.WriteAllText(Path.Combine(storeSession, "artifacts"), "not a folder");
        await server.WaitUntilListeningAsync();
        // The fork server keeps two spares once it has imported its modules.
        await Poll.UntilAsync(async () => (await ScrapeAsync(server)).Value("executor_spares_ready", Python) == 2, () => server.Output);

        // One running, one waiting, and the third refused: the queue's depth and rejections.
        var release = Path.Combine(server.WorkRoot, "release");
        var running = server.Client.PostAsJsonAsync("/execute", new { code = $"import time\nwhile not os.path.exists('{release}'):\n    time.sleep(0.01)" });
        await Poll.UntilAsync(async () => ((await StatusAsync(server)).GetProperty("executions_started").GetInt32()) == 1, () => server.Output);
        var queued = server.Client.PostAsJsonAsync("/execute", new { code = "BASH: echo queued" });
        await Poll.UntilAsync(async () => (await ScrapeAsync(server)).Value("executor_queue_depth") == 1, () => server.Output);
        var refused = await server.Client.PostAsJsonAsync("/execute", new { code = "print('refused')" });
        File.WriteAllText(release, "");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await running).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await queued).StatusCode);
        await ExecuteAsync(server, "open('artifacts/out.txt', 'w').write('x' * 1000)");
        await ExecuteAsync(server, "raise ValueError('counted')");
        var completion = await server.Client.PostAsJsonAsync("/session/complete", new { session_id = server.SessionId });
        Assert.Equal(HttpStatusCode.InternalServerError, completion.StatusCode);

        var scrape = await server.Client.GetAsync("/metrics");
        var metrics = PrometheusText.Parse(await scrape.Content.ReadAsStringAsync());

        Assert.Equal("text/plain", scrape.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, metrics.Value("executor_executions_total", Python, ("execution_status", "completed")));
        Assert.Equal(1, metrics.Value("executor_executions_total", Python, ("execution_status", "failed")));
        Assert.Equal(1, metrics.Value("executor_executions_total", ("execution_language", "bash"), ("execution_status", "completed")));
        Assert.Equal(2, metrics.Value("executor_execution_duration_seconds_count", Python, ("execution_status", "completed")));
        // The first one waited for the release file while the others were sent: at least that long.
        Assert.InRange(metrics.Value("executor_execution_duration_seconds_sum", Python, ("execution_status", "completed")), 0.01, 600);
        Assert.Equal(2, metrics.Value("executor_execution_duration_seconds_bucket", Python, ("execution_status", "completed"), ("le", "+Inf")));
        Assert.Equal(0, metrics.Value("executor_queue_depth"));
        Assert.Equal(1, metrics.Value("executor_queue_rejections_total"));
        Assert.InRange(metrics.Value("executor_spares_ready", Python), 0, 2);
        Assert.Equal(0, metrics.Value("executor_spares_ready", ("execution_language", "csharp")));
        // Four execution records (their JSON is well over 100 bytes each) went up; the artifact failed after its retries.
        Assert.InRange(metrics.Value("executor_upload_size_bytes_total"), 400, 1_000_000);
        Assert.Equal(1, metrics.Value("executor_upload_failures_total"));
        // The server and its fork server with numpy, pandas and matplotlib imported: well over 50 MB, under the machine's memory.
        Assert.InRange(metrics.Value("executor_process_tree_memory_bytes"), 50e6, MemoryTotalBytes());
        Assert.True(metrics.Has("http_server_request_duration_seconds_count"), "ASP.NET Core's own request metrics are served too");
    }

    private static async Task<PrometheusText> ScrapeAsync(ServerProcess server)
    {
        var response = await server.Client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<System.Text.Json.JsonElement> StatusAsync(ServerProcess server) =>
        await ExecutorFactory.ReadJsonAsync(await server.Client.GetAsync("/session/status"));

    private static async Task ExecuteAsync(ServerProcess server, string code) =>
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsJsonAsync("/execute", new { code })).StatusCode);

    private static double MemoryTotalBytes() =>
        double.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
}
