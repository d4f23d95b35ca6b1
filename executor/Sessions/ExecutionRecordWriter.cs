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

    /// <summary>
    /// Serialized in memory and written in one call: a record is at most a few hundred KB (its
    /// outputs are capped), and an asynchronous file stream costs more than the write itself.
    /// </summary>
    public void Write(ExecutionRecord record)
    {
        var target = PathOf(record.ExecutionNum);
        var temporary = target + ".tmp";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(record, RecordJson);
        try
        {
            File.WriteAllBytes(temporary, bytes);
        }
        catch (DirectoryNotFoundException)
        {
            // The code may delete the workspace: made again only then, not checked on every write.
            Directory.CreateDirectory(_directory);
            File.WriteAllBytes(temporary, bytes);
        }
        File.Move(temporary, target, overwrite: true);
    }
}
