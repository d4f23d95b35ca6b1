using System.Net;
using System.Text.Json;

namespace DeepInsight.Executor.Tests.Infrastructure;

/// <summary>What must hold after anything an execution did: the server answers and the next execution starts clean.</summary>
public static class ExecutorChecks
{
    /// <summary>Code reporting the state a fresh execution must see, whatever the previous one tampered with.</summary>
    private const string StateProbe = """
        import builtins, sys
        print(json.dumps({
            "cwd": os.getcwd(),
            "print_is_builtin": print is builtins.print and type(print).__name__ == "builtin_function_or_method",
            "json_dumps_works": json.dumps([1, "가"], ensure_ascii=False) == '[1, "가"]',
            "path": os.environ.get("PATH", ""),
            "marker": os.environ.get("HOSTILE_MARKER"),
            "modules_intact": "os" in sys.modules and "json" in sys.modules,
            "workspace": workspace,
        }, ensure_ascii=False))
        print("한글 출력")
        """;

    public static async Task AssertHealthyAsync(ExecutorFactory factory)
    {
        var response = await factory.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ExecutorFactory.ReadJsonAsync(response);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
    }

    /// <summary>A normal execution right after: completed, with the work root as cwd and builtins, environment and output intact.</summary>
    public static async Task AssertNextExecutionCleanAsync(ExecutorFactory factory)
    {
        var body = await factory.ExecuteAsync(StateProbe);
        Assert.True(body.GetProperty("status").GetString() == "completed", body.ToString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("error").ValueKind);
        Assert.Equal("", body.GetProperty("stderr").GetString());
        var lines = body.GetProperty("stdout").GetString()!.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("한글 출력", lines[1]);
        Assert.Equal("", lines[2]);
        var state = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(factory.WorkRoot, state.GetProperty("cwd").GetString());
        Assert.True(state.GetProperty("print_is_builtin").GetBoolean());
        Assert.True(state.GetProperty("json_dumps_works").GetBoolean());
        Assert.Contains("/usr/bin", state.GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, state.GetProperty("marker").ValueKind);
        Assert.True(state.GetProperty("modules_intact").GetBoolean());
        Assert.False(string.IsNullOrEmpty(state.GetProperty("workspace").GetString()));
    }

    /// <summary>
    /// Waits until executions are forked from the warm fork server again (its children have numpy
    /// loaded before any code runs; cold ones have not), at most a bounded number of tries.
    /// </summary>
    public static async Task WaitForWarmForkServerAsync(ExecutorFactory factory)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            var body = await factory.ExecuteAsync("import sys\nprint('numpy' in sys.modules)");
            if (body.GetProperty("stdout").GetString() == "True\n") return;
            await Task.Delay(250);
        }
        Assert.Fail("The fork server did not become ready");
    }
}
