using System.Text.Json;
using DeepInsight.Executor.Storage;

namespace DeepInsight.Executor.Sessions;

/// <summary>One file to upload: its key in the store and where its bytes come from.</summary>
public sealed record UploadItem(string Key, string? LocalPath, byte[]? Bytes)
{
    public string ContentType => ContentTypes.For(Key);
}

/// <summary>
/// The contract's layout under deep-insight/fargate_sessions/{session_id}/: debug/ (the session
/// status and every execution record), artifacts/ and data/, each with relative paths kept.
/// </summary>
public sealed class SessionUploadLayout
{
    private readonly WorkRoot _workRoot;
    private readonly SessionState _session;
    private readonly ExecutionRecordWriter _records;

    public SessionUploadLayout(WorkRoot workRoot, SessionState session, ExecutionRecordWriter records)
    {
        _workRoot = workRoot;
        _session = session;
        _records = records;
    }

    public string SessionId => _session.SessionId;

    public string Prefix => $"deep-insight/fargate_sessions/{SessionId}/";

    /// <summary>Everything but the status file, which goes last so its presence means "complete".</summary>
    public IReadOnlyList<UploadItem> Files()
    {
        var items = new List<UploadItem>();
        foreach (var summary in _session.Summaries())
        {
            var path = _records.PathOf(summary.ExecutionNum);
            if (File.Exists(path)) items.Add(new UploadItem($"{Prefix}debug/{ExecutionRecordWriter.FileName(summary.ExecutionNum)}", path, null));
        }
        items.AddRange(FilesUnder(_workRoot.ArtifactsDirectory, "artifacts"));
        items.AddRange(FilesUnder(_workRoot.DataDirectory, "data"));
        return items;
    }

    public UploadItem StatusFile(DateTimeOffset endTime)
    {
        var status = new
        {
            session_id = _session.SessionId,
            total_executions = _session.ExecutionsCompleted,
            start_time = _session.StartTime,
            end_time = endTime,
            executions = _session.Summaries().Select(s => new
            {
                execution_num = s.ExecutionNum,
                timestamp = s.Timestamp,
                code_type = s.CodeType,
                status = s.Status,
                duration_ms = s.DurationMs,
            }),
        };
        return new UploadItem($"{Prefix}debug/session_status.json", null,
            JsonSerializer.SerializeToUtf8Bytes(status, ExecutionRecordWriter.RecordJson));
    }

    /// <summary>Regular files only: a symlink could point anywhere on the machine.</summary>
    private IEnumerable<UploadItem> FilesUnder(string directory, string keyFolder)
    {
        if (!Directory.Exists(directory)) yield break;
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        foreach (var path in Directory.EnumerateFiles(directory, "*", options))
        {
            var relative = Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/');
            yield return new UploadItem($"{Prefix}{keyFolder}/{relative}", path, null);
        }
    }
}
