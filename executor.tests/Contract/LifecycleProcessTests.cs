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
        Assert.Contains("one last upload", server.Output);
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
        Assert.Contains("Lifetime cap", server.Output);
    }

    [Fact]
    public async Task Logs_are_json_lines_with_the_session_and_the_alb_trace_id()
    {
        using var server = new ServerProcess();
        await server.WaitUntilListeningAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/execute") { Content = JsonContent.Create(new { code = "print(1)" }) };
        request.Headers.Add("X-Amzn-Trace-Id", "Root=1-67891233-abcdef012345678912345678");
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(request)).StatusCode);
        await Task.Delay(200);

        var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var events = lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        var execution = events.Single(e => e.GetProperty("MessageTemplate").GetString()!.StartsWith("Execution {ExecutionNum}"));
        var props = execution.GetProperty("Properties");
        Assert.Equal(server.SessionId, props.GetProperty("session_id").GetString());
        Assert.Equal(1, props.GetProperty("ExecutionNum").GetInt32());
        Assert.Equal("python", props.GetProperty("CodeType").GetString());
        Assert.Equal("completed", props.GetProperty("Status").GetString());
        Assert.Equal("Root=1-67891233-abcdef012345678912345678", props.GetProperty("AmznTraceId").GetString());
        Assert.Contains(events, e => e.GetProperty("MessageTemplate").GetString()!.StartsWith("HTTP {Method}"));
    }
}
