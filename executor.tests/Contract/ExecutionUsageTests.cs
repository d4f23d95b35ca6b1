using System.Text.Json;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Contract;

/// <summary>
/// The "usage" of an /execute answer: what the child's whole process tree cost. The loops burn a
/// set amount of CPU time (time.process_time), not of wall time, so the figures they must
/// reach hold however loaded the machine is.
/// </summary>
public sealed class ExecutionUsageTests : IClassFixture<ExecutorFactory>
{
    private readonly ExecutorFactory _factory;

    public ExecutionUsageTests(ExecutorFactory factory) => _factory = factory;

    [Fact]
    public async Task A_cpu_bound_python_loop_reports_the_cpu_time_it_burnt_within_its_wall_time()
    {
        var body = await _factory.ExecuteAsync("""
            import time
            end = time.process_time() + 1.5
            while time.process_time() < end:
                pass
            """);

        Assert.Equal("completed", body.GetProperty("status").GetString());
        var usage = UsageFigures.Of(body);
        Assert.True(usage.CpuMs >= 1500, $"the loop burnt 1.5 s of CPU, usage says {usage}");
        // One busy thread cannot burn more CPU than the time it ran. How close the two come
        // depends on the machine's load (a quiet one: within a few percent), so no band is asserted.
        Assert.True(usage.CpuMs <= usage.WallMs, $"cpu against wall: {usage}");
    }

    [Fact]
    public async Task A_200_MB_allocation_raises_the_peak_resident_set_by_200_MB()
    {
        // Both forks of the warm interpreter: the comparison needs the same starting point.
        await ExecutorChecks.WaitForWarmForkServerAsync(_factory);
        var trivial = UsageFigures.Of(await _factory.ExecuteAsync("x = 1"));
        var body = await _factory.ExecuteAsync("""
            data = bytearray(200 * 1024 * 1024)
            data[::4096] = b"\1" * len(range(0, len(data), 4096))
            """);

        Assert.Equal("completed", body.GetProperty("status").GetString());
        var allocating = UsageFigures.Of(body);
        Assert.True(allocating.MaxRssKb > 200_000, $"usage: {allocating}");
        // A fork starts with the warm interpreter's resident pages; the allocation comes on top of them.
        Assert.True(allocating.MaxRssKb - trivial.MaxRssKb > 190_000, $"trivial {trivial}, allocating {allocating}");
    }

    [Fact]
    public async Task A_bash_commands_child_processes_are_counted()
    {
        var body = await _factory.ExecuteAsync("""
            BASH: python3 -c 'import time
            end = time.process_time() + 1
            while time.process_time() < end:
                pass' && echo done
            """);

        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Equal("done\n", body.GetProperty("stdout").GetString());
        var usage = UsageFigures.Of(body);
        // The child only waits: the second the grandchild burnt reaches it through bash's and its own reaping.
        Assert.True(usage.CpuMs >= 1000, $"usage: {usage}");
    }

    [Fact]
    public async Task A_failed_execution_carries_usage_and_its_record_the_same()
    {
        var body = await _factory.ExecuteAsync("raise ValueError('no')");

        Assert.Equal("ValueError", body.GetProperty("error").GetProperty("type").GetString());
        var usage = UsageFigures.Of(body);
        Assert.True(usage.MaxRssKb > 0, $"usage: {usage}");
        var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(
            _factory.WorkRoot, "workspace", _factory.SessionId, $"execution_{body.GetProperty("execution_num").GetInt32()}.json"))).RootElement;
        foreach (var figure in new[] { "wall_ms", "cpu_ms", "max_rss_kb" })
            Assert.Equal(body.GetProperty("usage").GetProperty(figure).GetInt64(), record.GetProperty("usage").GetProperty(figure).GetInt64());
    }
}
