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

    public SessionState(string sessionId, int maxExecutions)
    {
        SessionId = sessionId;
        MaxExecutions = maxExecutions;
        StartTime = DateTimeOffset.UtcNow;
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

    /// <summary>Hands out the next execution number, or false when the session takes no more.</summary>
    public bool TryAssign(out int executionNum)
    {
        lock (_gate)
        {
            executionNum = 0;
            if (_exhausted || _uploadedAt is not null || _assigned >= MaxExecutions) return false;
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

    public void MarkUploaded()
    {
        lock (_gate) _uploadedAt ??= DateTimeOffset.UtcNow;
    }

    public IReadOnlyList<ExecutionSummary> Summaries()
    {
        lock (_gate) return _finished.OrderBy(s => s.ExecutionNum).ToList();
    }
}

/// <summary>The per-execution line of session_status.json.</summary>
public sealed record ExecutionSummary(int ExecutionNum, DateTimeOffset Timestamp, string CodeType, string Status, long DurationMs);
