using System.Text.Encodings.Web;
using System.Text.Json;

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
    public void Write(ExecutionRecord record) =>
        WriteAtomically(PathOf(record.ExecutionNum), JsonSerializer.SerializeToUtf8Bytes(record, RecordJson));

    /// <summary>Every record in the workspace, by number (read back when a restarted server recovers its session).</summary>
    public IEnumerable<(int ExecutionNum, string Path)> Existing() => FilesIn(_directory);

    /// <summary>The files named as records (execution_&lt;n&gt;.json) in a directory, with their numbers.</summary>
    public static IEnumerable<(int ExecutionNum, string Path)> FilesIn(string directory)
    {
        if (!Directory.Exists(directory)) yield break;
        foreach (var path in Directory.EnumerateFiles(directory, "execution_*.json"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (int.TryParse(name["execution_".Length..], System.Globalization.NumberStyles.None, null, out var executionNum) && executionNum > 0)
                yield return (executionNum, path);
        }
    }

    /// <summary>
    /// A temporary file renamed over the target, so a crash leaves the old file or the new one,
    /// never half of one. The directory is under the work root, where the code may delete it:
    /// made again only then, not checked on every write.
    /// </summary>
    public static void WriteAtomically(string target, byte[] bytes)
    {
        var temporary = target + ".tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
        }
        catch (DirectoryNotFoundException)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(temporary, bytes);
        }
        File.Move(temporary, target, overwrite: true);
    }
}
