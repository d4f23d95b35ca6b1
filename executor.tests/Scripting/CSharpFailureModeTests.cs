using System.Net;
using System.Text.Json;

namespace DeepInsight.Executor.Tests.Scripting;

/// <summary>
/// Scripts that end their own process or never end: each becomes a structured error, and the
/// server, /health and the next script carry on.
/// </summary>
public sealed class CSharpFailureModeTests : IClassFixture<CSharpExecutorFactory>
{
    private readonly CSharpExecutorFactory _factory;

    public CSharpFailureModeTests(CSharpExecutorFactory factory) => _factory = factory;

    [Fact]
    public async Task Environment_exit_with_a_code_is_a_process_exit_error()
    {
        var body = await _factory.ExecuteCSharpAsync("Console.WriteLine(\"leaving\");\nEnvironment.Exit(3);");

        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.Equal("leaving\n", body.GetProperty("stdout").GetString());
        var error = body.GetProperty("error");
        Assert.Equal("ProcessExit", error.GetProperty("type").GetString());
        Assert.Equal(3, error.GetProperty("exit_code").GetInt32());
        await AssertServerCarriesOnAsync(_factory);
    }

    [Fact]
    public async Task A_setsid_daemon_a_finished_script_left_is_killed_before_the_answer()
    {
        // A marker no other test uses: a sleep of an odd number of seconds, in its own session.
        const string marker = "41117";
        var body = await _factory.ExecuteCSharpAsync(
            $"System.Diagnostics.Process.Start(\"setsid\", \"sleep {marker}\");\nConsole.WriteLine(\"started\");");

        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Equal("started\n", body.GetProperty("stdout").GetString());
        // setsid forks when its caller leads a process group, so the sleep may be a grandchild: the sweep reaches both.
        await Infrastructure.ProcessTable.AssertNoneRemainAsync(marker);
    }

    [Fact]
    public async Task Stack_overflow_is_reported_as_such()
    {
        var body = await _factory.ExecuteCSharpAsync("int Down(int n) => Down(n + 1) + 1;\nDown(0)");

        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.Equal("StackOverflowException", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("Stack overflow", body.GetProperty("stderr").GetString());
        await AssertServerCarriesOnAsync(_factory);
    }

    [Fact]
    public async Task Unhandled_exception_in_another_thread_reports_its_type_and_line()
    {
        var body = await _factory.ExecuteCSharpAsync("""
            var worker = new System.Threading.Thread(() =>
                throw new ArgumentException("bad input in background"));
            worker.Start();
            worker.Join();
            Console.WriteLine("not reached");
            """);

        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.DoesNotContain("not reached", body.GetProperty("stdout").GetString());
        var error = body.GetProperty("error");
        Assert.Equal("ArgumentException", error.GetProperty("type").GetString());
        Assert.Equal("bad input in background", error.GetProperty("message").GetString());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        await AssertServerCarriesOnAsync(_factory);
    }

    [Fact]
    public async Task Child_processes_the_script_starts_write_into_its_captured_output()
    {
        var body = await _factory.ExecuteCSharpAsync("""
            var child = System.Diagnostics.Process.Start("sh", new[] { "-c", "echo from-child; echo child-err >&2" });
            child.WaitForExit();
            """);

        Assert.True(body.GetProperty("status").GetString() == "completed", body.ToString());
        Assert.Equal("from-child\n", body.GetProperty("stdout").GetString());
        Assert.Equal("child-err\n", body.GetProperty("stderr").GetString());
    }

    /// <summary>/health answers and a normal script gets a fresh worker and the right answer.</summary>
    internal static async Task AssertServerCarriesOnAsync(CSharpExecutorFactory factory)
    {
        var health = await factory.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var next = await factory.ExecuteCSharpAsync("Enumerable.Range(1, 4).Sum()");
        Assert.Equal("completed", next.GetProperty("status").GetString());
        Assert.Equal("10\n", next.GetProperty("stdout").GetString());
        Assert.Equal(JsonValueKind.Null, next.GetProperty("error").ValueKind);
    }
}

/// <summary>Scripts that never end, under a 3-second limit.</summary>
public sealed class CSharpTimeoutTests : IClassFixture<ShortTimeoutCSharpFactory>
{
    private readonly ShortTimeoutCSharpFactory _factory;

    public CSharpTimeoutTests(ShortTimeoutCSharpFactory factory) => _factory = factory;

    [Fact]
    public async Task Infinite_loop_is_killed_at_the_time_limit_with_its_output_kept()
    {
        var body = await _factory.ExecuteCSharpAsync("Console.WriteLine(\"spinning\");\nwhile (true) { }");

        Assert.True(body.GetProperty("stdout").GetString() == "spinning\n", body.ToString());
        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.Equal("spinning\n", body.GetProperty("stdout").GetString());
        var error = body.GetProperty("error");
        Assert.Equal("TimeoutError", error.GetProperty("type").GetString());
        Assert.Equal($"C# script timed out after {ShortTimeoutCSharpFactory.TimeoutSeconds} seconds", error.GetProperty("message").GetString());
        await CSharpFailureModeTests.AssertServerCarriesOnAsync(_factory);
    }
}
