using System.Net;
using System.Text.Json;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Sandbox;

/// <summary>
/// Code and requests that try to break the executor. After each: /health answers 200 at once,
/// the answer is structured JSON with the expected status and error type, nothing the code
/// started is still running, and the next normal execution sees a clean state.
/// </summary>
public sealed class HostileCodeTests : IClassFixture<ShortTimeLimitFactory>, IClassFixture<LongTimeLimitFactory>, IAsyncLifetime
{
    /// <summary>In the command line of every process a case leaves running on purpose, to look for leftovers.</summary>
    private const string StrayMarker = "31337";

    private readonly ShortTimeLimitFactory _factory;
    private readonly LongTimeLimitFactory _patientFactory;

    public HostileCodeTests(ShortTimeLimitFactory factory, LongTimeLimitFactory patientFactory)
    {
        _factory = factory;
        _patientFactory = patientFactory;
    }

    /// <summary>
    /// Each case starts with a warm fork server: it is the parent that sweeps what a killed
    /// execution left behind, and the parent that the parent-killing cases may signal.
    /// </summary>
    public Task InitializeAsync() => Task.WhenAll(
        ExecutorChecks.WaitForWarmForkServerAsync(_factory), ExecutorChecks.WaitForWarmForkServerAsync(_patientFactory));

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Name, code, expected status, expected error type (null when none), text expected in the output or error message.</summary>
    public static TheoryData<string, string, string, string?, string?> HostileCode => new()
    {
        // Time
        { "busy loop", "while True: pass", "failed", "TimeoutError", "timed out after 2 seconds" },
        { "sleep keeps partial output", "import time\nprint('started')\ntime.sleep(100)", "failed", "TimeoutError", "started" },
        { "SIGTERM ignored", "import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\ntime.sleep(100)", "failed", "TimeoutError", null },
        { "bash sleep", "BASH: sleep 100", "failed", "TimeoutError", "Bash command timed out" },
        { "bash endless output", "BASH: yes", "failed", "TimeoutError", "y\ny" },
        { "timeout with an escaped daemon", $"import subprocess, time\nsubprocess.Popen(['setsid', 'sleep', '{StrayMarker}'])\ntime.sleep(100)", "failed", "TimeoutError", null },
        // Ends of the process
        { "os._exit(0)", "print('bye')\nos._exit(0)", "completed", null, "bye" },
        { "os._exit(3)", "os._exit(3)", "failed", "ProcessExit", "code 3" },
        { "sys.exit(0)", "import sys\nsys.exit(0)", "completed", null, null },
        { "sys.exit(3)", "import sys\nsys.exit(3)", "failed", "SystemExit", "3" },
        { "sys.exit(msg)", "import sys\nsys.exit('goodbye message')", "failed", "SystemExit", "goodbye message" },
        { "raise SystemExit", "raise SystemExit", "completed", null, null },
        { "KeyboardInterrupt", "raise KeyboardInterrupt", "failed", "KeyboardInterrupt", null },
        { "segfault", "import ctypes\nctypes.string_at(0)", "failed", "SIGSEGV", "SIGSEGV" },
        { "SIGKILL itself", "print('before', flush=True)\nos.kill(os.getpid(), 9)", "failed", "SIGKILL", "before" },
        { "SIGTERM itself", "import signal\nos.kill(os.getpid(), signal.SIGTERM)", "failed", "SIGTERM", null },
        { "SIGALRM", "import signal, time\nsignal.alarm(1)\ntime.sleep(5)", "failed", "SIGALRM", null },
        // Python 3.11 calls Python functions without C recursion: map() puts a C frame on every level.
        { "C stack overflow", "import sys\nsys.setrecursionlimit(10**6)\ndef down(n):\n    return list(map(down, [n + 1]))\ndown(0)", "failed", "SIGSEGV", null },
        { "runtime error keeps partial output", "print('partial')\n1/0", "failed", "ZeroDivisionError", "partial" },
        // Memory and files
        { "gigantic allocation", "bytearray(10**12)", "failed", "MemoryError", null },
        { "3 GB file", "with open(os.path.join(workspace, 'huge.bin'), 'wb') as f:\n    for _ in range(3 * 1024):\n        f.write(bytes(2**20))", "failed", "OSError", "File too large" },
        // Output
        { "write to fd 1", "os.write(1, b'through fd one\\n')", "completed", null, "through fd one" },
        { "write to fd 2", "os.write(2, b'through fd two\\n')", "completed", null, "through fd two" },
        { "subprocess output", "import subprocess\nsubprocess.run(['echo', 'from a subprocess'])", "completed", null, "from a subprocess" },
        { "invalid UTF-8", "import sys\nsys.stdout.buffer.write(b'ok\\xff\\xfe\\n')", "completed", null, "ok\uFFFD\uFFFD" },
        { "lone surrogate", "print('\\udcff')", "completed", null, "\\udcff" },
        { "closed stdout and stderr", "os.close(1)\nos.close(2)", "completed", null, null },
        { "closed descriptors 3..1000", "print('closed')\nos.closerange(3, 1000)", "completed", null, "closed" },
        { "closed descriptors then error", "os.closerange(3, 1000)\n1/0", "failed", "ProcessExit", "ZeroDivisionError" },
        { "stdin read", "input()", "failed", "EOFError", null },
        // Threads
        { "thread printing after return", "import threading, time\ndef tick():\n    while True:\n        print('tick')\n        time.sleep(0.01)\nthreading.Thread(target=tick, daemon=True).start()\nprint('main done')", "completed", null, "main done" },
        { "non-daemon thread never ending", "import threading, time\nthreading.Thread(target=time.sleep, args=(100,)).start()\nprint('returned')", "completed", null, "returned" },
        // Tampering with state the next execution relies on
        { "chdir", "os.chdir('/')\nprint(os.getcwd())", "completed", null, "/" },
        { "environment", "os.environ['PATH'] = ''\nos.environ['HOSTILE_MARKER'] = '1'", "completed", null, null },
        { "builtins", "import builtins\nbuiltins.print = None\nbuiltins.len = None", "completed", null, null },
        { "sys.modules", "import sys\nsys.modules.clear()", "completed", null, null },
        { "json monkey-patched", "json.dumps = lambda *a, **k: 'garbage'\nraise ValueError('still reported')", "failed", "ValueError", "still reported" },
        // The child's result forged on its control socket: an ExecutorError saying why it was refused
        { "forged result of unknown status", ForgedResult("{\"status\": \"exploded\"}"), "failed", "ExecutorError", "unknown status \"exploded\"" },
        { "forged result that is not JSON", ForgedResult("done"), "failed", "ExecutorError", "could not be read" },
        { "forged error without a type", ForgedResult("{\"status\": \"failed\", \"error\": {\"message\": \"x\"}}"), "failed", "ExecutorError", "could not be read" },
        { "forged failure without details", ForgedResult("{\"status\": \"failed\"}"), "failed", "ExecutorError", "without details" },
        // Processes left behind
        { "bash background", $"BASH: sleep {StrayMarker} &", "completed", null, null },
        { "bash setsid background", $"BASH: setsid sleep {StrayMarker} &", "completed", null, null },
        { "bash nohup disown", $"BASH: nohup sleep {StrayMarker} > /dev/null 2>&1 & disown", "completed", null, null },
        { "bash background then failure", $"BASH: sleep {StrayMarker} &\necho out\necho err >&2\nexit 7", "failed", "BashError", "return code 7" },
        { "python double fork with setsid", $"pid = os.fork()\nif pid == 0:\n    os.setsid()\n    if os.fork() == 0:\n        os.execvp('sleep', ['sleep', '{StrayMarker}'])\n    os._exit(0)\nos.waitpid(pid, 0)\nprint('escaped')", "completed", null, "escaped" },
    };

    /// <summary>Python that writes <paramref name="line"/> as its result on the control socket (a local of sandbox_child.serve) and ends.</summary>
    private static string ForgedResult(string line) =>
        "import sys\nframe = sys._getframe()\nwhile 'ctl' not in frame.f_locals:\n    frame = frame.f_back\n" +
        $"frame.f_locals['ctl'].sendall({JsonSerializer.Serialize(line + "\n")}.encode())\nos._exit(0)";

    /// <summary>
    /// Cases that must reach a memory or output limit or start a hundred processes, which takes a
    /// while on a busy machine (the fork bomb and the 10 MB line have each outlasted a 2 s limit
    /// while the suite ran).
    /// </summary>
    public static TheoryData<string, string, string, string?, string?> HeavyCode => new()
    {
        { "10 MB on stderr in one line", "import sys\nsys.stderr.write('e' * 10**7)", "completed", null, "[Output truncated:" },
        { "bash bounded fork bomb", $"BASH: for i in $(seq 100); do (sleep {StrayMarker} &) ; done", "completed", null, null },
        { "python bounded forks", $"import subprocess\nfor _ in range(50):\n    subprocess.Popen(['sleep', '{StrayMarker}'])\nprint('spawned')", "completed", null, "spawned" },
        { "gradual allocation", "chunks = []\nwhile True:\n    chunks.append(bytearray(10 * 2**20))", "failed", "MemoryError", null },
        { "300 MB printed", "line = 'x' * 1023\nfor _ in range(300 * 1024):\n    print(line)", "completed", null, "[output capped: kept" },
        { "bash 300 MB", "BASH: yes | head -c 300000000", "completed", null, "[output capped: kept" },
    };

    [Theory]
    [MemberData(nameof(HostileCode))]
    public Task Hostile_code_becomes_a_structured_answer_and_leaves_nothing_behind(
        string name, string code, string status, string? errorType, string? expectedText) =>
        RunHostileAsync(_factory, name, code, status, errorType, expectedText);

    [Theory]
    [MemberData(nameof(HeavyCode))]
    public Task Heavy_code_hits_its_limit_and_leaves_nothing_behind(
        string name, string code, string status, string? errorType, string? expectedText) =>
        RunHostileAsync(_patientFactory, name, code, status, errorType, expectedText);

    private static async Task RunHostileAsync(ExecutorFactory factory, string name, string code, string status, string? errorType, string? expectedText)
    {
        var body = await factory.ExecuteAsync(code);

        await ExecutorChecks.AssertHealthyAsync(factory);
        AssertOutcome(name, body, status, errorType, expectedText);
        await ProcessTable.AssertNoneRemainAsync(StrayMarker);
        await ExecutorChecks.AssertNextExecutionCleanAsync(factory);
    }

    public static TheoryData<string, string, string> ParentAttacks => new()
    {
        { "SIGKILL", "9", "killed the parent" },
        { "SIGSTOP", "19", "stopped the parent" },
        { "SIGTERM", "15", "terminated the parent" },
    };

    /// <summary>
    /// With the fork server the parent of an execution is the fork server: the execution is still
    /// answered, the next ones start cold meanwhile, and a new fork server takes over.
    /// </summary>
    [Theory]
    [MemberData(nameof(ParentAttacks))]
    public async Task Signalling_the_fork_server_is_survived_and_it_comes_back(string name, string signal, string message)
    {
        // The guard keeps an execution that was started cold from signalling the test host instead.
        var body = await _factory.ExecuteAsync($$"""
            parent = os.getppid()
            with open(f"/proc/{parent}/cmdline", "rb") as f:
                assert b"fork_server" in f.read(), "not forked by the fork server"
            os.kill(parent, {{signal}})
            print("{{message}}")
            """);

        await ExecutorChecks.AssertHealthyAsync(_factory);
        AssertOutcome(name, body, "completed", null, message);
        await ExecutorChecks.AssertNextExecutionCleanAsync(_factory);
        await ExecutorChecks.WaitForWarmForkServerAsync(_factory);
    }

    public static TheoryData<string, string, string, string?, string?, HttpStatusCode> MalformedRequests => new()
    {
        { "malformed JSON", "POST", "/execute", "{\"code\": ", "application/json", HttpStatusCode.BadRequest },
        { "wrong Content-Type", "POST", "/execute", "{\"code\": \"print(1)\"}", "text/plain", HttpStatusCode.UnsupportedMediaType },
        { "non-string code", "POST", "/execute", "{\"code\": 5}", "application/json", HttpStatusCode.BadRequest },
        { "array body", "POST", "/execute", "[{\"code\": \"print(1)\"}]", "application/json", HttpStatusCode.BadRequest },
        { "deep nesting", "POST", "/execute", "{\"code\": \"print(1)\", \"x\": " + new string('[', 10000) + new string(']', 10000) + "}", "application/json", HttpStatusCode.BadRequest },
        { "empty body", "POST", "/execute", "", "application/json", HttpStatusCode.BadRequest },
        { "missing code", "POST", "/execute", "{}", "application/json", HttpStatusCode.BadRequest },
        { "null code", "POST", "/execute", "{\"code\": null}", "application/json", HttpStatusCode.BadRequest },
        { "wrong session", "POST", "/execute", "{\"code\": \"print(1)\", \"session_id\": \"someone-else\"}", "application/json", HttpStatusCode.Forbidden },
        { "unknown route", "GET", "/no-such-route", null, null, HttpStatusCode.NotFound },
        { "wrong method", "GET", "/execute", null, null, HttpStatusCode.MethodNotAllowed },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task Malformed_requests_get_a_JSON_error(string name, string method, string path, string? content, string? contentType,
        HttpStatusCode expected)
    {
        var (response, body) = await _factory.SendRawAsync(new HttpMethod(method), path, content, contentType);
        await AssertRefusedAsync(name, response, body, expected);
    }

    /// <summary>Built here rather than as theory data: 11 MB would be copied into every test listing.</summary>
    [Fact]
    public async Task A_body_over_the_limit_gets_413()
    {
        var content = "{\"code\": \"" + new string('#', 11 << 20) + "\"}";
        var (response, body) = await _factory.SendRawAsync(HttpMethod.Post, "/execute", content);
        await AssertRefusedAsync("body over the limit", response, body, HttpStatusCode.RequestEntityTooLarge);
    }

    private async Task AssertRefusedAsync(string name, HttpResponseMessage response, JsonElement body, HttpStatusCode expected)
    {
        await ExecutorChecks.AssertHealthyAsync(_factory);
        Assert.True(expected == response.StatusCode, $"{name}: {response.StatusCode} {body}");
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()), name);
        await ExecutorChecks.AssertNextExecutionCleanAsync(_factory);
    }

    private static void AssertOutcome(string name, JsonElement body, string status, string? errorType, string? expectedText)
    {
        Assert.True(body.GetProperty("status").GetString() == status, $"{name}: {body}");
        var error = body.GetProperty("error");
        if (errorType is null)
            Assert.True(error.ValueKind == JsonValueKind.Null, $"{name}: {body}");
        else
            Assert.True(error.GetProperty("type").GetString() == errorType, $"{name}: {body}");
        if (expectedText is null) return;
        var seen = body.GetProperty("stdout").GetString() + body.GetProperty("stderr").GetString()
            + (error.ValueKind == JsonValueKind.Object ? error.GetProperty("message").GetString() : "");
        Assert.True(seen.Contains(expectedText, StringComparison.Ordinal), $"{name}: expected '{expectedText}' in {body}");
    }
}
