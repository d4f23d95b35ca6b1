using System.Text.Json;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Sandbox;

/// <summary>
/// `BASH: [timeout N] python FILE [args]` runs FILE in a fork of the warm interpreter
/// (warm_script.py). Each part of what `python FILE` means is compared with the same command
/// run cold: a tab between the words leaves the command's meaning to bash unchanged but makes
/// it ineligible, so bash starts a fresh interpreter, exactly as before the warm path existed.
/// </summary>
public sealed class WarmScriptTests : IClassFixture<ExecutorFactory>, IAsyncLifetime
{
    /// <summary>First line of every script: whether the fork server's preloaded pandas is there.</summary>
    private const string WarmMarker = "import sys as _s; print('preloaded' if 'pandas' in _s.modules else 'cold', file=_s.stderr)\n";

    private readonly ExecutorFactory _factory;

    public WarmScriptTests(ExecutorFactory factory) => _factory = factory;

    /// <summary>The marker tells the warm path from bash's only once the fork server has its imports.</summary>
    public Task InitializeAsync() => ExecutorChecks.WaitForWarmForkServerAsync(_factory);

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, string> Scripts() => new()
    {
        {
            "meaning", "arg1 두번째 --flag=3",
            """
            import json, os, sys
            print(json.dumps({"argv": sys.argv, "name": __name__, "file": __file__, "path0": sys.path[0],
                              "cwd": os.getcwd(), "stdin": sys.stdin.read(), "spec": __spec__,
                              "predefined": [n for n in ("workspace", "datetime", "json") if n in dir()]}, ensure_ascii=False))
            """
        },
        { "exit_code", "", "import sys\nprint('before')\nsys.exit(3)\n" },
        { "exit_message", "", "import sys\nsys.exit('그만: stopped')\n" },
        { "uncaught", "", "def f(x):\n    return 1 / x\nprint('분석 시작')\nf(0)\n" },
        { "os_exit", "", "import os\nprint('flushed?', flush=True)\nos._exit(7)\n" },
        {
            "shutdown", "",
            "import atexit, threading, time\natexit.register(lambda: print('atexit ran'))\n"
            + "threading.Thread(target=lambda: (time.sleep(0.3), print('thread finished'))).start()\nprint('main done')\n"
        },
        { "helper_import", "", "import helper_beside\nprint(helper_beside.VALUE)\n" },
        { "pickled_class", "", "import pickle\nclass Row:\n    pass\nrow = Row()\nprint(type(pickle.loads(pickle.dumps(row))).__name__, Row.__module__)\n" },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task A_script_file_means_the_same_warm_as_cold(string name, string args, string body)
    {
        var script = await WriteScriptAsync(name, body);
        var warm = await _factory.ExecuteAsync($"BASH: python {script} {args}".TrimEnd());
        var cold = await _factory.ExecuteAsync($"BASH: python\t{script} {args}".TrimEnd());

        Assert.StartsWith("preloaded\n", warm.GetProperty("stderr").GetString());
        Assert.StartsWith("cold\n", cold.GetProperty("stderr").GetString());
        AssertSameOutcome(cold, warm);
    }

    [Fact]
    public async Task Timeout_stops_the_script_with_status_124_and_keeps_its_output()
    {
        var script = await WriteScriptAsync("sleeper", "import time\nprint('started', flush=True)\ntime.sleep(60)\nprint('never')\n");
        var warm = await _factory.ExecuteAsync($"BASH: timeout 1 python3 {script}");
        var cold = await _factory.ExecuteAsync($"BASH: timeout 1 python3\t{script}");

        Assert.Equal(124, warm.GetProperty("error").GetProperty("return_code").GetInt32());
        Assert.StartsWith("preloaded\n", warm.GetProperty("stderr").GetString());
        AssertSameOutcome(cold, warm);
    }

    [Fact]
    public async Task A_signal_ends_the_script_as_it_ends_a_command_bash_runs()
    {
        var script = await WriteScriptAsync("segfault", "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n");
        var warm = await _factory.ExecuteAsync($"BASH: python {script}");
        var cold = await _factory.ExecuteAsync($"BASH: python\t{script}");

        Assert.Equal(-11, warm.GetProperty("error").GetProperty("return_code").GetInt32());
        AssertSameOutcome(cold, warm);
    }

    [Theory]
    [InlineData("python {0} | cat")]
    [InlineData("python {0} > /dev/null; python {0}")]
    [InlineData("cd . && python {0}")]
    [InlineData("python -u {0}")]
    [InlineData("timeout -s KILL 60 python {0}")]
    [InlineData("PYTHONHASHSEED=1 python {0}")]
    public async Task Any_other_command_line_runs_through_bash_with_a_cold_interpreter(string command)
    {
        var script = await WriteScriptAsync("plain", "print('ran')\n");
        var body = await _factory.ExecuteAsync("BASH: " + string.Format(command, script));

        Assert.True(body.GetProperty("status").GetString() == "completed", body.ToString());
        Assert.Contains("ran", body.GetProperty("stdout").GetString());
        Assert.DoesNotContain("preloaded", body.GetProperty("stderr").GetString());
    }

    [Fact]
    public async Task A_missing_file_gets_pythons_own_error_through_bash()
    {
        var body = await _factory.ExecuteAsync("BASH: timeout 300 python ./artifacts/code/absent.py");

        Assert.Equal(2, body.GetProperty("error").GetProperty("return_code").GetInt32());
        Assert.Contains("can't open file", body.GetProperty("stderr").GetString());
    }

    [Fact]
    public async Task The_script_cannot_reach_the_executions_connection_to_the_server()
    {
        // A forged result on the control socket would replace the execution's real outcome.
        var script = await WriteScriptAsync("forger", """
            import os, socket
            forged = 0
            for fd in map(int, os.listdir("/proc/self/fd")):
                try:
                    sock = socket.socket(fileno=os.dup(fd))
                    sock.sendall(b'{"status": "completed", "error": null}\n')
                    forged += 1
                except OSError:
                    pass
            raise SystemExit(5)
            """);
        var body = await _factory.ExecuteAsync($"BASH: python {script}");

        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.Equal(5, body.GetProperty("error").GetProperty("return_code").GetInt32());
    }

    private async Task<string> WriteScriptAsync(string name, string body)
    {
        var directory = Path.Combine(_factory.WorkRoot, "artifacts", "code");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "helper_beside.py"), "VALUE = '옆 모듈'\n");
        await File.WriteAllTextAsync(Path.Combine(directory, name + ".py"), WarmMarker + body);
        return $"./artifacts/code/{name}.py";
    }

    /// <summary>Status, stdout, stderr past the marker line, and the error (its return code included).</summary>
    private static void AssertSameOutcome(JsonElement cold, JsonElement warm)
    {
        static string AfterMarker(JsonElement result) => result.GetProperty("stderr").GetString()!.Split('\n', 2)[1];
        Assert.Equal(cold.GetProperty("status").GetString(), warm.GetProperty("status").GetString());
        Assert.Equal(cold.GetProperty("stdout").GetString(), warm.GetProperty("stdout").GetString());
        Assert.Equal(AfterMarker(cold), AfterMarker(warm));
        Assert.Equal(cold.GetProperty("error").ToString(), warm.GetProperty("error").ToString());
    }
}
