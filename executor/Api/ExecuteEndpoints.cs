using System.Text.Json;
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
        app.MapPost("/execute", ExecuteAsync);
        return app;
    }

    private static async Task<IResult> ExecuteAsync(HttpRequest request, SessionState session,
        SessionExecutions executions, ExecutionReplay replay, ExecutionDrain drain, ApiOptions options)
    {
        var (body, bodyError) = await JsonBody.ReadObjectAsync(request, options.MaxRequestBodyBytes);
        if (bodyError is not null) return bodyError;
        if (!ExecutionReplay.TryIdentify(request, body, out var identity, out var keyError)) return keyError!;
        return await replay.AnswerAsync(identity, () => RunAsync(body, session, executions, drain));
    }

    /// <summary>Everything after the body is read; it uses nothing of the request, which may be gone before it ends.</summary>
    private static async Task<RunAnswer> RunAsync(JsonElement body, SessionState session, SessionExecutions executions, ExecutionDrain drain)
    {
        if (session.IsComplete) return RunAnswer.NotRun(SessionComplete(session));
        if (drain.IsDraining) return RunAnswer.NotRun(Stopping(session));

        if (!JsonBody.TryGetOptionalString(body, "code", out var code, out var error)) return RunAnswer.NotRun(error!);
        if (string.IsNullOrWhiteSpace(code)) return RunAnswer.NotRun(ApiJson.Error(StatusCodes.Status400BadRequest, "No code provided"));
        if (!JsonBody.TryGetOptionalString(body, "session_id", out var sessionId, out error)) return RunAnswer.NotRun(error!);
        if (sessionId is not null && sessionId != session.SessionId)
            return RunAnswer.NotRun(ApiJson.Error(StatusCodes.Status403Forbidden, "Session ID mismatch - request routed to wrong container"));
        if (!JsonBody.TryGetOptionalString(body, "language", out var language, out error)) return RunAnswer.NotRun(error!);

        var attempt = await executions.ExecuteAsync(SubmittedCode.Parse(code, language));
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
        return new RunAnswer(ApiJson.Ok(new
        {
            session_id = session.SessionId,
            execution_num = record.ExecutionNum,
            status = record.Status,
            stdout = OutputCompactor.Compact(record.Stdout),
            stderr = OutputCompactor.Compact(record.Stderr),
            error = record.Error,
            execution_time_ms = record.DurationMs,
            total_executions = session.ExecutionsAssigned,
            is_session_complete = session.IsComplete,
            s3_backup = "skipped_until_session_end",
        }), record.ExecutionNum);
    }

    private static JsonAnswer Stopping(SessionState session) =>
        ApiJson.Status(StatusCodes.Status503ServiceUnavailable, new
        {
            error = "The executor is stopping (SIGTERM): it accepts no new executions. The session's work so far is being uploaded; continue in a new session",
            session_id = session.SessionId,
        });

    private static JsonAnswer SessionComplete(SessionState session) =>
        ApiJson.Status(StatusCodes.Status400BadRequest, new { error = "Session is already complete", session_id = session.SessionId });
}
