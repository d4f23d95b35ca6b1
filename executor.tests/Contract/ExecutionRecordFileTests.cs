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
        var record = new ExecutionRecord(7, timestamp, "print('안녕')", "python", "failed", "안녕\n", "경고\n", error, 42, "10.0.1.23");

        new ExecutionRecordWriter(_workspace).Write(record);

        var text = File.ReadAllText(Path.Combine(_workspace, "execution_7.json"));
        Assert.Contains("\n  \"execution_num\": 7,", text);
        Assert.Contains("\"stdout\": \"안녕\\n\"", text);
        Assert.Contains("\"issue\": \"열 이름\"", text);
        var parsed = JsonDocument.Parse(text).RootElement;
        Assert.Equal(
            ["execution_num", "timestamp", "code", "code_type", "status", "stdout", "stderr", "error", "duration_ms", "container_ip"],
            parsed.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(timestamp, parsed.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal("print('안녕')", parsed.GetProperty("code").GetString());
        Assert.Equal(3, parsed.GetProperty("error").GetProperty("line").GetInt32());
        Assert.Equal(42, parsed.GetProperty("duration_ms").GetInt64());
        Assert.Equal("10.0.1.23", parsed.GetProperty("container_ip").GetString());
        Assert.False(File.Exists(Path.Combine(_workspace, "execution_7.json.tmp")));
    }

    public void Dispose() => Directory.Delete(_workspace, recursive: true);
}
