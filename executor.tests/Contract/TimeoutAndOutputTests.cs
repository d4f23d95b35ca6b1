using DeepInsight.Executor.Tests.Infrastructure;
using DeepInsight.Executor.Tests.Sandbox;

namespace DeepInsight.Executor.Tests.Contract;

public sealed class TimeoutAndOutputTests : IClassFixture<ShortTimeLimitFactory>, IAsyncLifetime
{
    private readonly ShortTimeLimitFactory _factory;

    public TimeoutAndOutputTests(ShortTimeLimitFactory factory) => _factory = factory;

    /// <summary>
    /// From the warm fork server: with the suite loading both cores, a cold interpreter's start
    /// alone can eat most of the 2 s limit these cases are written for.
    /// </summary>
    public Task InitializeAsync() => ExecutorChecks.WaitForWarmForkServerAsync(_factory);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Python_timeout_is_a_TimeoutError_with_the_output_so_far()
    {
        var body = await _factory.ExecuteAsync("import time\nprint('started', flush=True)\nwhile True:\n    time.sleep(0.1)");

        Assert.Equal("failed", body.GetProperty("status").GetString());
        var error = body.GetProperty("error");
        Assert.Equal("TimeoutError", error.GetProperty("type").GetString());
        Assert.EndsWith("timed out after 2 seconds", error.GetProperty("message").GetString());
        Assert.Equal("started\n", body.GetProperty("stdout").GetString());
    }

    [Fact]
    public async Task Bash_timeout_kills_the_whole_group_including_background_jobs()
    {
        var marker = $"sleep-marker-{Guid.NewGuid():N}"[..24];
        var body = await _factory.ExecuteAsync($"BASH: echo go; bash -c 'exec -a {marker} sleep 1000' & sleep 1000");

        Assert.Equal("TimeoutError", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("go\n", body.GetProperty("stdout").GetString());
        // SIGKILL is delivered at once but a loaded machine may take a moment to schedule the exit.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (MarkerRunning(marker) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.False(MarkerRunning(marker), "the background job outlived its execution");
    }

    [Fact]
    public async Task A_timed_out_execution_reports_what_its_still_running_processes_used()
    {
        var body = await _factory.ExecuteAsync("BASH: python3 -c 'while True: pass'");

        Assert.Equal("TimeoutError", body.GetProperty("error").GetProperty("type").GetString());
        var usage = UsageFigures.Of(body);
        // Read by the server before the kill: the busy grandchild, alive and never reaped, is in
        // the group; even a starved loop gets a tenth of a core over the 2 s limit.
        Assert.True(usage.CpuMs >= 200, $"usage: {usage}");
        Assert.True(usage.MaxRssKb > 0, $"usage: {usage}");
    }

    private static bool MarkerRunning(string marker) =>
        Directory.EnumerateDirectories("/proc").Select(ReadCmdline).Any(c => c.Contains(marker));

    private static string ReadCmdline(string procDirectory)
    {
        try { return File.ReadAllText(Path.Combine(procDirectory, "cmdline")); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    [Fact]
    public async Task Long_multi_line_output_is_compacted_in_the_response_and_whole_in_the_record()
    {
        var body = await _factory.ExecuteAsync("for i in range(2000):\n    print(f'line {i:05d}')");
        var stdout = body.GetProperty("stdout").GetString()!;

        var expected = "line 00000\nline 00001\nline 00002\n\n... (1995 lines omitted) ...\n\nline 01998\nline 01999\n\n\n" +
                       "[Output truncated: 22000 chars, 2001 lines total]";
        Assert.Equal(expected, stdout);

        var record = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(
            _factory.WorkRoot, "workspace", _factory.SessionId, $"execution_{body.GetProperty("execution_num").GetInt32()}.json"))).RootElement;
        Assert.Equal(22000, record.GetProperty("stdout").GetString()!.Length);
    }

    [Fact]
    public async Task Long_output_with_few_lines_is_cut_by_characters()
    {
        var body = await _factory.ExecuteAsync("print('x' * 10000)");
        var stdout = body.GetProperty("stdout").GetString()!;

        Assert.Equal(new string('x', 8192) + "...\n\n[Output truncated: 10001 chars total]", stdout);
    }
}
