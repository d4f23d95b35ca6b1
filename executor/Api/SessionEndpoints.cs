using DeepInsight.Executor.Sessions;

namespace DeepInsight.Executor.Api;

/// <summary>POST /session/complete (upload, then 200 or an honest 500) and GET /session/status.</summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/session/complete", CompleteAsync);
        app.MapGet("/session/status", (SessionState session, ExecutionDrain drain, ContainerAddress address) => ApiJson.Ok(new
        {
            session_id = session.SessionId,
            status = session.IsUploaded ? "complete" : session.IsComplete ? "completing" : drain.IsDraining ? "stopping" : "active",
            executions_completed = session.ExecutionsCompleted,
            executions_started = session.ExecutionsAssigned,
            max_executions = session.MaxExecutions,
            is_complete = session.IsComplete,
            upload_completed = session.IsUploaded,
            start_time = session.StartTime,
            end_time = session.EndTime,
            private_ip = address.PrivateIp,
        }));
        return app;
    }

    private static async Task<IResult> CompleteAsync(HttpRequest request, SessionState session,
        SessionCompletion completion, ApiOptions options)
    {
        // The runtime may post no body at all: only a body that is there has to be valid.
        string? sessionId = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var (body, bodyError) = await JsonBody.ReadObjectAsync(request, options.MaxRequestBodyBytes);
            if (bodyError is not null) return bodyError;
            if (!JsonBody.TryGetOptionalString(body, "session_id", out sessionId, out var error)) return error!;
        }
        if (sessionId is not null && sessionId != session.SessionId)
            return ApiJson.Error(StatusCodes.Status403Forbidden, "Session ID mismatch - completion request routed to wrong container");

        var uploaded = await completion.CompleteAsync(request.HttpContext.RequestAborted);
        return uploaded
            ? ApiJson.Ok(new
            {
                message = "Session completed",
                session_id = session.SessionId,
                total_executions = session.ExecutionsCompleted,
                upload_completed = true,
            })
            : ApiJson.Status(StatusCodes.Status500InternalServerError, new
            {
                message = "Session completion failed - S3 upload did not finish",
                session_id = session.SessionId,
                total_executions = session.ExecutionsCompleted,
                upload_completed = false,
            });
    }
}
