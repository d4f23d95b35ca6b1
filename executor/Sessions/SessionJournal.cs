using System.Text.Json;
using System.Text.Json.Serialization;
using DeepInsight.Executor.Storage;

namespace DeepInsight.Executor.Sessions;

/// <summary>
/// What the session keeps on disk besides its execution records, so that a server restarted
/// after a crash continues the same session (see <see cref="SessionRecovery"/>): its identity
/// (id, start time, when it was uploaded), a marker per execution numbered and not yet recorded,
/// and what the store already holds. All of it lives in <c>workspace/.executor/</c> under the work
/// root, beside the session's scratch directory rather than in it, and every file is replaced
/// by a rename, so a crash leaves either the old version or the new one.
/// </summary>
public sealed class SessionJournal
{
    private const string IdentityFile = "session.json";
    private const string UploadsFile = "uploads.json";
    private const string RunningFolder = "running";

    private readonly string _directory;
    private readonly string _running;

    public SessionJournal(WorkRoot workRoot)
    {
        _directory = DirectoryOf(workRoot.Path);
        _running = Path.Combine(_directory, RunningFolder);
    }

    private static string DirectoryOf(string workRoot) => Path.Combine(workRoot, "workspace", ".executor");

    /// <summary>
    /// The id a restarted server takes when SESSION_ID is not configured: the random one its
    /// predecessor chose. Read before anything else is built, since the workspace is named after it.
    /// </summary>
    public static string? PersistedSessionId(string workRoot) =>
        TryRead<SessionIdentity>(Path.Combine(DirectoryOf(workRoot), IdentityFile))?.SessionId;

    /// <summary>A new session: whatever an earlier one left in the journal goes, the identity is written.</summary>
    public void StartFresh(SessionIdentity identity)
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        Directory.CreateDirectory(_running);
        WriteJson(Path.Combine(_directory, IdentityFile), identity);
    }

    public SessionIdentity? ReadIdentity() => TryRead<SessionIdentity>(Path.Combine(_directory, IdentityFile));

    public void WriteIdentity(SessionIdentity identity) => WriteJson(Path.Combine(_directory, IdentityFile), identity);

    /// <summary>
    /// Marks an execution as numbered and not yet recorded: the record it would get if the server
    /// died now, with status "running". Written once per execution, a few hundred bytes.
    /// </summary>
    public void ExecutionStarted(ExecutionRecord pending) => WriteJson(MarkerOf(pending.ExecutionNum), pending);

    /// <summary>Called once its record is on disk.</summary>
    public void ExecutionRecorded(int executionNum)
    {
        try
        {
            File.Delete(MarkerOf(executionNum));
        }
        catch (DirectoryNotFoundException)
        {
            // The code deleted the journal: the marker went with it.
        }
    }

    /// <summary>
    /// The markers left by a server that died: by number, with the pending record when it reads
    /// back (null when the crash came between creating the file and writing it).
    /// </summary>
    public IEnumerable<(int ExecutionNum, ExecutionRecord? Pending)> Unrecorded() =>
        ExecutionRecordWriter.FilesIn(_running).Select(marker => (marker.ExecutionNum, TryRead<ExecutionRecord>(marker.Path)));

    /// <summary>The keys the store holds and the version of each file sent there (null: unknown).</summary>
    public Dictionary<string, FileStamp?> ReadUploads() =>
        TryRead<Dictionary<string, FileStamp?>>(Path.Combine(_directory, UploadsFile)) ?? new(StringComparer.Ordinal);

    public void WriteUploads(IEnumerable<KeyValuePair<string, FileStamp?>> uploads) =>
        WriteJson(Path.Combine(_directory, UploadsFile), uploads.ToDictionary(StringComparer.Ordinal));

    private string MarkerOf(int executionNum) => Path.Combine(_running, ExecutionRecordWriter.FileName(executionNum));

    private static void WriteJson<T>(string path, T value) =>
        ExecutionRecordWriter.WriteAtomically(path, JsonSerializer.SerializeToUtf8Bytes(value, ExecutionRecordWriter.RecordJson));

    /// <summary>Null when the file is missing or does not parse: a journal the code damaged counts as no journal.</summary>
    public static T? TryRead<T>(string path) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), ExecutionRecordWriter.RecordJson);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}

/// <summary>Who the session is, as a restarted server must know it: the first server's choices and the upload's time.</summary>
public sealed record SessionIdentity(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("start_time")] DateTimeOffset StartTime,
    [property: JsonPropertyName("uploaded_at")] DateTimeOffset? UploadedAt);
