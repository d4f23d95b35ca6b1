namespace DeepInsight.Executor.Api.Contracts;

/// <summary>POST /session/complete; the body itself is optional.</summary>
public sealed record SessionCompleteRequest
{
    public string? SessionId { get; init; }
}

/// <summary>The answer of /session/complete: 200 with upload_completed true, or 500 with it false (never the error shape).</summary>
public sealed record SessionCompletionResponse(string Message, string SessionId, int TotalExecutions, bool UploadCompleted);

/// <summary>GET /session/status: status is "active", "stopping", "completing" or "complete".</summary>
public sealed record SessionStatusResponse(
    string SessionId,
    string Status,
    int ExecutionsCompleted,
    int ExecutionsStarted,
    int MaxExecutions,
    bool IsComplete,
    bool UploadCompleted,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    string PrivateIp);
