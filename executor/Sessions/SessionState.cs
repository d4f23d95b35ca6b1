namespace DeepInsight.Executor.Sessions;

/// <summary>
/// The one session this task serves: execution numbering, the summary of finished executions
/// and whether it is complete. Numbers are handed out under a lock so concurrent requests get
/// unique, gap-free numbers, and every number handed out ends in a record.
/// </summary>
public sealed class SessionState
{
    private readonly object _gate = new();
    private readonly List<ExecutionSummary> _finished = [];
    private int _assigned;
    private bool _exhausted;
    private DateTimeOffset? _uploadedAt;

    /// <summary>
    /// A new session, or the one a crashed server left: its finished executions (numbered up to
    /// <paramref name="assigned"/>, the highest number it handed out) and the time it was uploaded.
    /// </summary>
    public SessionState(SessionIdentity identity, int maxExecutions, IEnumerable<ExecutionSummary>? finished = null, int assigned = 0)
    {
        SessionId = identity.SessionId;
        MaxExecutions = maxExecutions;
        StartTime = identity.StartTime;
        _uploadedAt = identity.UploadedAt;
        _finished.AddRange(finished ?? []);
        _assigned = Math.Max(assigned, _finished.Count);
        _exhausted = _assigned >= MaxExecutions && _finished.Count >= MaxExecutions;
    }

    public string SessionId { get; }
    public int MaxExecutions { get; }
    public DateTimeOffset StartTime { get; }

    public int ExecutionsCompleted { get { lock (_gate) return _finished.Count; } }
    public int ExecutionsAssigned { get { lock (_gate) return _assigned; } }

    /// <summary>Complete once uploaded, or once the execution budget is used up.</summary>
    public bool IsComplete { get { lock (_gate) return _exhausted || _uploadedAt is not null; } }

    public bool IsUploaded { get { lock (_gate) return _uploadedAt is not null; } }
    public DateTimeOffset? EndTime { get { lock (_gate) return _uploadedAt; } }

    /// <summary>
    /// Hands out the next execution number, or false when the session takes no more.
    /// <paramref name="persist"/> puts the number on disk under the same lock, so a number exists
    /// on disk before any later one (a restart then neither repeats nor skips one); when it
    /// throws, the number is taken back and the exception goes to the caller.
    /// </summary>
    public bool TryAssign(Action<int> persist, out int executionNum)
    {
        lock (_gate)
        {
            executionNum = 0;
            if (_exhausted || _uploadedAt is not null || _assigned >= MaxExecutions) return false;
            persist(_assigned + 1);
            executionNum = ++_assigned;
            return true;
        }
    }

    /// <summary>Records a finished execution; true when it was the last one the budget allows.</summary>
    public bool Finish(ExecutionSummary summary)
    {
        lock (_gate)
        {
            _finished.Add(summary);
            if (_assigned >= MaxExecutions && _finished.Count >= MaxExecutions && !_exhausted)
            {
                _exhausted = true;
                return true;
            }
            return false;
        }
    }

    public void MarkUploaded(DateTimeOffset at)
    {
        lock (_gate) _uploadedAt ??= at;
    }

    public IReadOnlyList<ExecutionSummary> Summaries()
    {
        lock (_gate) return _finished.OrderBy(s => s.ExecutionNum).ToList();
    }
}

/// <summary>The per-execution line of session_status.json.</summary>
public sealed record ExecutionSummary(int ExecutionNum, DateTimeOffset Timestamp, string CodeType, string Status, long DurationMs)
{
    public static ExecutionSummary Of(ExecutionRecord record) =>
        new(record.ExecutionNum, record.Timestamp, record.CodeType, record.Status, record.DurationMs);
}
