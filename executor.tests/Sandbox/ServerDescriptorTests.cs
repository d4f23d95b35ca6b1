using System.Net.Http.Json;
using System.Text.Json;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Sandbox;

/// <summary>The server's own descriptors over many executions, on the executor running as a real process.</summary>
public sealed class ServerDescriptorTests
{
    /// <summary>
    /// Every C# script runs in a fresh runner worker started with redirected stdout and stderr.
    /// The server's ends of those pipes have to close with the worker, not at whatever later GC
    /// finalizes them: in a long session they piled up (bench/soak-bench.sh found them).
    /// </summary>
    [Fact]
    public async Task Used_csharp_workers_leave_no_pipes_open_in_the_server()
    {
        using var server = new ServerProcess(new Dictionary<string, string> { ["EXECUTOR_CSHARP_PREWARM"] = "true" });
        await server.WaitUntilListeningAsync();
        await RunScriptAsync(server, 0);
        var before = ProcessTable.PipesHeldOnlyBy(server.Process.Id);

        for (var i = 1; i <= 4; i++) await RunScriptAsync(server, i);

        // A used worker ends just after its answer; the server's ends of its pipes close then.
        await Poll.UntilAsync(() => ProcessTable.PipesHeldOnlyBy(server.Process.Id).IsSubsetOf(before),
            () => $"pipes only the server holds: before [{string.Join(", ", before)}], now [{string.Join(", ", ProcessTable.PipesHeldOnlyBy(server.Process.Id))}]");
    }

    private static async Task RunScriptAsync(ServerProcess server, int n)
    {
        var answer = await server.Client.PostAsJsonAsync("/execute", new { code = $"CSHARP:\n{n} + 1" });
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Equal($"{n + 1}\n", body.GetProperty("stdout").GetString());
    }
}
