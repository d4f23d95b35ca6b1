using System.Text.Json;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Contract;

public sealed class PythonExecutionTests : IClassFixture<ExecutorFactory>
{
    private readonly ExecutorFactory _factory;

    public PythonExecutionTests(ExecutorFactory factory) => _factory = factory;

    [Fact]
    public async Task Completed_execution_has_every_contract_field_and_the_predefined_names()
    {
        var body = await _factory.ExecuteAsync(
            "import pandas as pd\n" +
            "print(type(datetime.now()).__name__, json.dumps({'a': 1}), os.getcwd())\n" +
            "print(workspace)\n" +
            "print(pd.DataFrame({'x': [1, 2, 3]}).x.sum())");

        Assert.Equal(_factory.SessionId, body.GetProperty("session_id").GetString());
        Assert.True(body.GetProperty("execution_num").GetInt32() >= 1);
        Assert.Equal("completed", body.GetProperty("status").GetString());
        var lines = body.GetProperty("stdout").GetString()!.Split('\n');
        Assert.Equal($"datetime {{\"a\": 1}} {_factory.WorkRoot}", lines[0]);
        Assert.StartsWith(_factory.WorkRoot, lines[1]);
        Assert.Contains(_factory.SessionId, lines[1]);
        Assert.Equal("6", lines[2]);
        Assert.Equal("", body.GetProperty("stderr").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("error").ValueKind);
        Assert.True(body.GetProperty("execution_time_ms").GetInt64() >= 0);
        Assert.True(body.GetProperty("total_executions").GetInt32() >= body.GetProperty("execution_num").GetInt32());
        Assert.False(body.GetProperty("is_session_complete").GetBoolean());
        Assert.Equal("skipped_until_session_end", body.GetProperty("s3_backup").GetString());
    }

    [Fact]
    public async Task Data_and_artifacts_exist_and_files_persist_but_variables_do_not()
    {
        var first = await _factory.ExecuteAsync(
            "secret_value = 41\n" +
            "open('artifacts/keep.txt', 'w').write(str(os.path.isdir('data')))");
        var second = await _factory.ExecuteAsync(
            "print(open('artifacts/keep.txt').read())\n" +
            "print('secret_value' in globals())");

        Assert.Equal("completed", first.GetProperty("status").GetString());
        Assert.Equal("True\nFalse\n", second.GetProperty("stdout").GetString());
    }

    [Fact]
    public async Task Korean_output_and_file_names_round_trip()
    {
        var body = await _factory.ExecuteAsync(
            "with open('artifacts/매출_보고서.txt', 'w', encoding='utf-8') as f:\n" +
            "    f.write('서울 강서구')\n" +
            "print('한글 출력', sorted(os.listdir('artifacts')))");

        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Contains("한글 출력", body.GetProperty("stdout").GetString());
        Assert.Contains("매출_보고서.txt", body.GetProperty("stdout").GetString());
        Assert.Equal("서울 강서구", File.ReadAllText(Path.Combine(_factory.WorkRoot, "artifacts", "매출_보고서.txt")));
    }

    [Fact]
    public async Task The_old_runtimes_write_then_run_pair_works()
    {
        // What the runtime's write-and-execute tool sends: the script base64-encoded, then bash.
        var script = "import pandas as pd\nprint('합계', pd.Series([1, 2, 3]).sum())\n";
        var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(script));
        var write = await _factory.ExecuteAsync(
            "import base64\n" +
            $"with open('분석_스크립트.py', 'wb') as f:\n    f.write(base64.b64decode('{encoded}'))\n" +
            "print('written')");
        var run = await _factory.ExecuteAsync("BASH: timeout 300 python 분석_스크립트.py");

        Assert.Equal("written\n", write.GetProperty("stdout").GetString());
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.Equal("합계 6\n", run.GetProperty("stdout").GetString());
    }

    [Fact]
    public async Task Stderr_is_captured_separately_including_descriptor_level_writes()
    {
        var body = await _factory.ExecuteAsync(
            "import sys, subprocess\n" +
            "print('to stdout')\n" +
            "print('to stderr', file=sys.stderr)\n" +
            "os.write(1, b'raw fd1\\n')\n" +
            "subprocess.run(['echo', 'from a subprocess'])");

        var stdout = body.GetProperty("stdout").GetString()!;
        Assert.Contains("to stdout", stdout);
        Assert.Contains("raw fd1", stdout);
        Assert.Contains("from a subprocess", stdout);
        Assert.Equal("to stderr\n", body.GetProperty("stderr").GetString());
    }

    [Fact]
    public async Task Each_execution_is_recorded_on_disk_before_the_response()
    {
        var code = "print('recorded')\n" + new string('#', 300);
        var body = await _factory.ExecuteAsync(code);
        var num = body.GetProperty("execution_num").GetInt32();

        var path = Path.Combine(_factory.WorkRoot, "workspace", _factory.SessionId, $"execution_{num}.json");
        var record = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        Assert.Equal(num, record.GetProperty("execution_num").GetInt32());
        Assert.Equal(code[..200] + "...", record.GetProperty("code").GetString());
        Assert.Equal("python", record.GetProperty("code_type").GetString());
        Assert.Equal("completed", record.GetProperty("status").GetString());
        Assert.Equal("recorded\n", record.GetProperty("stdout").GetString());
        Assert.Equal("", record.GetProperty("stderr").GetString());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("error").ValueKind);
        Assert.True(record.GetProperty("duration_ms").GetInt64() >= 0);
        Assert.Equal("10.0.1.23", record.GetProperty("container_ip").GetString());
        Assert.True(record.GetProperty("timestamp").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Bash_commands_run_in_the_work_root()
    {
        var ok = await _factory.ExecuteAsync("  BASH:  pwd; ls -d data artifacts; echo 한글 >&2 ");
        var failed = await _factory.ExecuteAsync("BASH: echo partial; echo oops >&2; exit 7");

        Assert.Equal("completed", ok.GetProperty("status").GetString());
        Assert.Equal($"{_factory.WorkRoot}\nartifacts\ndata\n", ok.GetProperty("stdout").GetString());
        Assert.Equal("한글\n", ok.GetProperty("stderr").GetString());

        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("partial\n", failed.GetProperty("stdout").GetString());
        Assert.Equal("oops\n", failed.GetProperty("stderr").GetString());
        var error = failed.GetProperty("error");
        Assert.Equal("BashError", error.GetProperty("type").GetString());
        Assert.Equal("Command failed with return code 7", error.GetProperty("message").GetString());
        Assert.Equal(7, error.GetProperty("return_code").GetInt32());
    }

    [Fact]
    public async Task Concurrent_executions_get_unique_numbers_and_their_own_output()
    {
        var tasks = Enumerable.Range(0, 12).Select(i => _factory.ExecuteAsync($"print('token-{i}')")).ToArray();
        var bodies = await Task.WhenAll(tasks);

        for (var i = 0; i < bodies.Length; i++)
            Assert.Equal($"token-{i}\n", bodies[i].GetProperty("stdout").GetString());
        var numbers = bodies.Select(b => b.GetProperty("execution_num").GetInt32()).Order().ToArray();
        Assert.Equal(numbers.Length, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.True(File.Exists(Path.Combine(_factory.WorkRoot, "workspace", _factory.SessionId, $"execution_{n}.json"))));
    }
}
