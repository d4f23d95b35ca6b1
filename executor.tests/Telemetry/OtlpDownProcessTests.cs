using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Telemetry;

/// <summary>
/// OTLP export on, the collector down: executions and scrapes are answered as usual, since
/// spans and metrics leave on the SDK's own threads, and the server still stops within its stop timeout. Spans are exported every 50 ms and metrics every second, so
/// that they are tried many times while the test runs.
/// </summary>
public sealed class OtlpDownProcessTests
{
    private const int SIGTERM = 15;

    [Fact]
    public async Task With_the_collector_port_closed_executions_and_metrics_answer()
    {
        // Bound and released: nothing listens there, so each export is refused.
        var closedPort = ServerProcess.FreePort();
        using var server = StartExporting($"http://127.0.0.1:{closedPort}");
        await server.WaitUntilListeningAsync();

        await ExecuteSeveralAsync(server);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task With_a_collector_that_accepts_and_never_answers_executions_answer_and_the_server_stops_cleanly()
    {
        using var collector = new TcpListener(IPAddress.Loopback, 0);
        collector.Start();
        // Stopping flushes what is left to export: that flush must not hold the exit past the stop timeout.
        var stopTimeout = TimeSpan.FromSeconds(10);
        using var server = StartExporting($"http://127.0.0.1:{((IPEndPoint)collector.LocalEndpoint).Port}",
            new() { ["EXECUTOR_STOP_TIMEOUT_SECONDS"] = $"{stopTimeout.TotalSeconds}" });
        await server.WaitUntilListeningAsync();
        // The exporter has connected: from here on its exports hang until their own timeout.
        using var exporterConnection = await collector.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(60));

        await ExecuteSeveralAsync(server);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/metrics")).StatusCode);
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        server.Signal(SIGTERM);
        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(60)), server.Output);
        Assert.True(stopping.Elapsed < stopTimeout, $"exited {stopping.Elapsed.TotalSeconds:F1} s after SIGTERM\n{server.Output}");
        Assert.Equal(0, server.Process.ExitCode);
        Assert.Contains("Stop final upload succeeded", server.Messages);
    }

    private static ServerProcess StartExporting(string endpoint, Dictionary<string, string>? settings = null)
    {
        var exporting = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_BSP_SCHEDULE_DELAY"] = "50",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            ["EXECUTOR_CSHARP_PREWARM"] = "false",
        };
        foreach (var (name, value) in settings ?? []) exporting[name] = value;
        return new ServerProcess(exporting);
    }

    private static async Task ExecuteSeveralAsync(ServerProcess server)
    {
        foreach (var (code, status) in new[] { ("print(1)", "completed"), ("BASH: echo 2", "completed"), ("raise ValueError(3)", "failed") })
        {
            var answer = await server.Client.PostAsJsonAsync("/execute", new { code });
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(status, (await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("status").GetString());
        }
    }
}
