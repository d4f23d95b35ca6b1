using System.Net.Http.Json;
using System.Text.Json;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Scripting;

/// <summary>The executor as a real process, as it boots in a task: the C# compiler warms itself and says so in the log.</summary>
public sealed class CSharpWarmUpProcessTests
{
    [Fact]
    public async Task The_log_says_when_the_compiler_is_warm_and_a_script_then_runs()
    {
        using var server = new ServerProcess(new Dictionary<string, string> { ["EXECUTOR_CSHARP_PREWARM"] = "true" });
        await server.WaitUntilListeningAsync();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement? warm = null;
        while (warm is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no warm compiler in the log:\n{server.Output}");
            warm = server.Log.Where(e => e.Template.StartsWith("C# compiler {Pid} warm")).Select(e => (JsonElement?)e.Json).FirstOrDefault();
            await Task.Delay(100);
        }
        var answer = await server.Client.PostAsJsonAsync("/execute", new { code = "CSHARP:\nEnumerable.Range(1, 4).Sum()" });
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(warm.Value.GetProperty("ElapsedMs").GetInt64() > 0);
        Assert.Equal(server.SessionId, warm.Value.GetProperty("session_id").GetString());
        Assert.Equal("10\n", body.GetProperty("stdout").GetString());
        // The notice is not an answer: had it been taken for one, this script would have failed.
        Assert.Equal("completed", body.GetProperty("status").GetString());
    }
}
