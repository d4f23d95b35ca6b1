using DeepInsight.Executor.Api.Contracts;
using DeepInsight.Executor.Execution.Core;
using DeepInsight.Executor.Sessions;

namespace DeepInsight.Executor.Api;

/// <summary>
/// POST /execute: the contract's checks in the old server's order, then one supervised run, once
/// per request identity (see <see cref="ExecutionReplay"/>), so a retry never runs the code twice.
/// A stopping task answers 503 to new runs until its final upload completes the session (then
/// the contract's 400 for a complete session); a retry of a run already answered still gets it.
/// </summary>
public static class ExecuteEndpoints
{
    public static IEndpointRouteBuilder MapExecuteEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/execute", ExecuteAsync)
            .Answers<ExecuteResponse>()
            .Takes<ExecuteRequest>()
            // 403 a session mismatch, 409 a key whose answer was dropped, 422 a key reused with
            // another body, 503 a full queue or a stopping task.
            .Fails(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity,
                StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<JsonAnswer> ExecuteAsync(HttpRequest request, SessionState session,
        SessionExecutions executions, ExecutionReplay replay, ExecutionDrain drain, ApiOptions options)
    {
        var (body, bodyError) = await JsonBody.ReadAsync<ExecuteRequest>(request, options.MaxRequestBodyBytes);
        if (body is null) return bodyError!;
        if (!ExecutionReplay.TryIdentify(request, body.Json, out var identity, out var keyError)) return keyError!;
        return await replay.AnswerAsync(identity, () => RunAsync(body.Value, session, executions, drain));
    }

    /// <summary>Everything after the body is read; it uses nothing of the request, which may be gone before it ends.</summary>
    private static async Task<RunAnswer> RunAsync(ExecuteRequest body, SessionState session, SessionExecutions executions, ExecutionDrain drain)
    {
        if (session.IsComplete) return RunAnswer.NotRun(SessionComplete(session));
        if (drain.IsDraining) return RunAnswer.NotRun(Stopping(session));

        if (string.IsNullOrWhiteSpace(body.Code)) return RunAnswer.NotRun(ApiJson.Error(StatusCodes.Status400BadRequest, "No code provided"));
        if (body.SessionId is not null && body.SessionId != session.SessionId)
            return RunAnswer.NotRun(ApiJson.Error(StatusCodes.Status403Forbidden, "Session ID mismatch - request routed to wrong container"));

        var attempt = await executions.ExecuteAsync(SubmittedCode.Parse(body.Code, body.Language));
        if (attempt.Record is not { } record)
        {
            return RunAnswer.NotRun(attempt.Refusal switch
            {
                ExecutionRefusal.SessionComplete => SessionComplete(session),
                ExecutionRefusal.QueueFull => ApiJson.Error(StatusCodes.Status503ServiceUnavailable, "Too many executions queued: retry shortly"),
                ExecutionRefusal.Stopping => Stopping(session),
                _ => ApiJson.Error(StatusCodes.Status400BadRequest, "This language is not available in this executor"),
            });
        }
        return new RunAnswer(ApiJson.Ok(new ExecuteResponse(
            SessionId: session.SessionId,
            ExecutionNum: record.ExecutionNum,
            Status: record.Status,
            Stdout: OutputCompactor.Compact(record.Stdout),
            Stderr: OutputCompactor.Compact(record.Stderr),
            Error: record.Error,
            ExecutionTimeMs: record.DurationMs,
            // Every record of an execution that ran has it (only markers and recovered records lack it).
            Usage: record.Usage!,
            TotalExecutions: session.ExecutionsAssigned,
            IsSessionComplete: session.IsComplete,
            S3Backup: "skipped_until_session_end")), record.ExecutionNum);
    }

    private static JsonAnswer Stopping(SessionState session) =>
        ApiJson.Status(StatusCodes.Status503ServiceUnavailable, new ErrorResponse(
            "The executor is stopping (SIGTERM): it accepts no new executions. The session's work so far is being uploaded; continue in a new session")
        {
            SessionId = session.SessionId,
        });

    private static JsonAnswer SessionComplete(SessionState session) =>
        ApiJson.Status(StatusCodes.Status400BadRequest, new ErrorResponse("Session is already complete") { SessionId = session.SessionId });
}
