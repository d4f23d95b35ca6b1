using DeepInsight.Executor.Execution.Core;

namespace DeepInsight.Executor.Api.Contracts;

/// <summary>POST /execute: every member is optional on the wire; a missing or blank code is the contract's 400.</summary>
public sealed record ExecuteRequest
{
    public string? Code { get; init; }
    public string? SessionId { get; init; }
    /// <summary>"csharp" for C# (as a "CSHARP:" prefix does); otherwise the code says what it is.</summary>
    public string? Language { get; init; }
}

/// <summary>The answer of an execution that ran, with its streams compacted (the record keeps them whole).</summary>
public sealed record ExecuteResponse(
    string SessionId,
    int ExecutionNum,
    string Status,
    string Stdout,
    string Stderr,
    ExecutionError? Error,
    long ExecutionTimeMs,
    ExecutionUsage Usage,
    int TotalExecutions,
    bool IsSessionComplete,
    string S3Backup);
