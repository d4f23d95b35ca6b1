using System.Text.Json;
using DeepInsight.Executor.Execution.Core;
using DeepInsight.Executor.Sessions;

namespace DeepInsight.Executor.Tests.Contract;

/// <summary>The record file as the contract and a human reading debug/ want it: every field, indented, Korean as written.</summary>
public sealed class ExecutionRecordFileTests : IDisposable
{
    private readonly string _workspace = Directory.CreateTempSubdirectory("records-").FullName;

    [Fact]
    public void A_record_is_an_indented_object_with_every_field_and_korean_left_readable()
    {
        var error = new ExecutionError("KeyError", "'매출'") { Line = CodePosition.At(3), KeyInfo = new ErrorHints { Issue = "열 이름" } };
        var timestamp = new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);
        var record = new ExecutionRecord(7, timestamp, "print('안녕')", "python", "failed", "안녕\n", "경고\n", error, 42, "10.0.1.23",
            new ExecutionUsage(42, 30, 123_456));

        new ExecutionRecordWriter(_workspace).Write(record);

        var text = File.ReadAllText(Path.Combine(_workspace, "execution_7.json"));
        Assert.Contains("\n  \"execution_num\": 7,", text);
        Assert.Contains("\"stdout\": \"안녕\\n\"", text);
        Assert.Contains("\"issue\": \"열 이름\"", text);
        var parsed = JsonDocument.Parse(text).RootElement;
        Assert.Equal(
            ["execution_num", "timestamp", "code", "code_type", "status", "stdout", "stderr", "error", "duration_ms", "container_ip", "usage"],
            parsed.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(timestamp, parsed.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal("print('안녕')", parsed.GetProperty("code").GetString());
        Assert.Equal(3, parsed.GetProperty("error").GetProperty("line").GetInt32());
        Assert.Equal(42, parsed.GetProperty("duration_ms").GetInt64());
        Assert.Equal("10.0.1.23", parsed.GetProperty("container_ip").GetString());
        Assert.Equal("""{"wall_ms":42,"cpu_ms":30,"max_rss_kb":123456}""", JsonSerializer.Serialize(parsed.GetProperty("usage")));
        Assert.False(File.Exists(Path.Combine(_workspace, "execution_7.json.tmp")));
    }

    /// <summary>The error shapes of the contract, each with its own keys: a null line is written, an absent one is not.</summary>
    public static TheoryData<string, ExecutionError, string> ErrorShapes => new()
    {
        { "python", new ExecutionError("NameError", "name x is not defined") { Line = CodePosition.At(2), KeyInfo = new ErrorHints { UndefinedVariable = "x" }, Traceback = "Traceback" },
            """{"type":"NameError","message":"name x is not defined","line":2,"key_info":{"undefined_variable":"x"},"traceback":"Traceback"}""" },
        { "code error without a line", ExecutionError.InCode("StackOverflowException", "deep"),
            """{"type":"StackOverflowException","message":"deep","line":null,"key_info":{}}""" },
        { "compile error", new ExecutionError("CompilationError", "CS0103")
            {
                Line = CodePosition.Unknown,
                KeyInfo = new ErrorHints { Column = CodePosition.Unknown, Diagnostics = [new CompileDiagnostic("CS0103", 1, null, "m")] },
                Traceback = "t",
            },
            """{"type":"CompilationError","message":"CS0103","line":null,"key_info":{"column":null,"diagnostics":[{"id":"CS0103","line":1,"column":null,"message":"m"}]},"traceback":"t"}""" },
        { "bash", new ExecutionError("BashError", "Command failed with return code 7") { ReturnCode = 7 },
            """{"type":"BashError","message":"Command failed with return code 7","return_code":7}""" },
        { "signal", new ExecutionError("SIGSEGV", "killed") { Signal = 11 }, """{"type":"SIGSEGV","message":"killed","signal":11}""" },
        { "timeout", new ExecutionError("TimeoutError", "timed out"), """{"type":"TimeoutError","message":"timed out"}""" },
    };

    [Theory]
    [MemberData(nameof(ErrorShapes))]
    public void An_error_is_written_with_its_own_keys_and_read_back_as_written(string shape, ExecutionError error, string expected)
    {
        var record = new ExecutionRecord(1, DateTimeOffset.UnixEpoch, "x", "python", "failed", "", "", error, 1, "10.0.1.23");
        var writer = new ExecutionRecordWriter(_workspace);

        writer.Write(record);
        var path = writer.PathOf(1);
        var written = File.ReadAllBytes(path);
        var readBack = SessionJournal.TryRead<ExecutionRecord>(path);
        writer.Write(readBack!);

        var errorJson = JsonDocument.Parse(written).RootElement.GetProperty("error");
        Assert.True(JsonSerializer.Serialize(errorJson) == expected, $"{shape}: {errorJson}");
        Assert.Equal(written, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_record_written_before_usage_existed_still_reads_back()
    {
        var path = Path.Combine(_workspace, "execution_3.json");
        File.WriteAllText(path, """
            {"execution_num": 3, "timestamp": "2026-11-27T09:30:00+00:00", "code": "x", "code_type": "python",
             "status": "completed", "stdout": "", "stderr": "", "error": null, "duration_ms": 5, "container_ip": "10.0.1.23"}
            """);

        var record = SessionJournal.TryRead<ExecutionRecord>(path);

        Assert.NotNull(record);
        Assert.Equal(3, record.ExecutionNum);
        Assert.Null(record.Usage);
    }

    [Fact]
    public void Messages_and_tracebacks_are_cut_at_the_contract_length_however_the_error_is_made()
    {
        var text = new string('x', 10_000);

        var error = new ExecutionError("ValueError", text) with { Traceback = text };

        Assert.Equal(new string('x', 8192) + "...", error.Message);
        Assert.Equal(error.Message, error.Traceback);
    }

    public void Dispose() => Directory.Delete(_workspace, recursive: true);
}
