using DeepInsight.Executor.Api.Contracts;
using DeepInsight.Executor.Execution.Python;
using DeepInsight.Executor.Sessions;

namespace DeepInsight.Executor.Api;

/// <summary>
/// /health for the ALB and ECS, /container-info for the runtime's sticky-cookie dance. /health
/// answers 503 once the session is complete and while the task is stopping, so the ALB drains it.
/// </summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan PackageProbeWait = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Health)
            .Answers<HealthResponse>()
            .Answers<HealthResponse>(StatusCodes.Status503ServiceUnavailable);

        // python_packages is null only while the one probe after start-up has not answered (or failed).
        app.MapGet("/container-info", async (SessionState session, ContainerAddress address, PythonPackageInventory packages) =>
                ApiJson.Ok(new ContainerInfoResponse(
                    PrivateIp: address.PrivateIp,
                    Hostname: address.Hostname,
                    SessionId: session.SessionId,
                    KnownSessions: [session.SessionId],
                    ExecutionsCompleted: session.ExecutionsCompleted,
                    PythonPackages: await packages.GetAsync(PackageProbeWait))))
            .Answers<ContainerInfoResponse>();
        return app;
    }

    private static JsonAnswer Health(SessionState session, ExecutionDrain drain)
    {
        if (session.IsComplete)
            return ApiJson.Status(StatusCodes.Status503ServiceUnavailable, new HealthResponse("complete", session.SessionId, session.ExecutionsCompleted));
        var open = new HealthResponse(drain.IsDraining ? "stopping" : "healthy", session.SessionId, session.ExecutionsCompleted)
        {
            MaxExecutions = session.MaxExecutions,
            IsComplete = false,
        };
        return ApiJson.Status(drain.IsDraining ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK, open);
    }
}
