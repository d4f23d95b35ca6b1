using System.Text.Json;
using System.Text.Encodings.Web;

namespace DeepInsight.Executor.Sessions;

/// <summary>
/// Writes each record to the session's scratch directory before its response is sent, by
/// writing a temporary file and renaming it, so a crash never leaves half a record behind.
/// </summary>
public sealed class ExecutionRecordWriter
{
    public static readonly JsonSerializerOptions RecordJson = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly string _directory;

    public ExecutionRecordWriter(string workspace)
    {
        _directory = workspace;
        Directory.CreateDirectory(_directory);
    }

    public static string FileName(int executionNum) => $"execution_{executionNum}.json";

    public string PathOf(int executionNum) => Path.Combine(_directory, FileName(executionNum));

    public async Task WriteAsync(ExecutionRecord record)
    {
        Directory.CreateDirectory(_directory);
        var target = PathOf(record.ExecutionNum);
        var temporary = target + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, record, RecordJson);
        }
        File.Move(temporary, target, overwrite: true);
    }
}
