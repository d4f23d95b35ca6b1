using DeepInsight.Executor.Api.Contracts;
using DeepInsight.Executor.Sessions;

namespace DeepInsight.Executor.Api;

/// <summary>POST /session/complete (upload, then 200 or an honest 500) and GET /session/status.</summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/session/complete", CompleteAsync)
            .Answers<SessionCompletionResponse>()
            // The contract's answer to a failed upload is the completion shape, not the error shape.
            .Answers<SessionCompletionResponse>(StatusCodes.Status500InternalServerError)
            .Takes<SessionCompleteRequest>(optional: true)
            .Fails(StatusCodes.Status403Forbidden);
        app.MapGet("/session/status", (SessionState session, ExecutionDrain drain, ContainerAddress address) => ApiJson.Ok(new SessionStatusResponse(
                SessionId: session.SessionId,
                Status: session.IsUploaded ? "complete" : session.IsComplete ? "completing" : drain.IsDraining ? "stopping" : "active",
                ExecutionsCompleted: session.ExecutionsCompleted,
                ExecutionsStarted: session.ExecutionsAssigned,
                MaxExecutions: session.MaxExecutions,
                IsComplete: session.IsComplete,
                UploadCompleted: session.IsUploaded,
                StartTime: session.StartTime,
                EndTime: session.EndTime,
                PrivateIp: address.PrivateIp)))
            .Answers<SessionStatusResponse>();
        return app;
    }

    private static async Task<JsonAnswer> CompleteAsync(HttpRequest request, SessionState session,
        SessionCompletion completion, ApiOptions options)
    {
        // The runtime may post no body at all: only a body that is there has to be valid.
        string? sessionId = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var (body, bodyError) = await JsonBody.ReadAsync<SessionCompleteRequest>(request, options.MaxRequestBodyBytes);
            if (body is null) return bodyError!;
            sessionId = body.Value.SessionId;
        }
        if (sessionId is not null && sessionId != session.SessionId)
            return ApiJson.Error(StatusCodes.Status403Forbidden, "Session ID mismatch - completion request routed to wrong container");

        var uploaded = await completion.CompleteAsync(request.HttpContext.RequestAborted);
        return uploaded
            ? ApiJson.Ok(Completion("Session completed", session, uploaded))
            : ApiJson.Status(StatusCodes.Status500InternalServerError, Completion("Session completion failed - S3 upload did not finish", session, uploaded));
    }

    private static SessionCompletionResponse Completion(string message, SessionState session, bool uploaded) =>
        new(message, session.SessionId, session.ExecutionsCompleted, uploaded);
}
