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
        app.MapGet("/health", (SessionState session, ExecutionDrain drain) => session.IsComplete
            ? ApiJson.Status(StatusCodes.Status503ServiceUnavailable, new
            {
                status = "complete",
                session_id = session.SessionId,
                executions_completed = session.ExecutionsCompleted,
            })
            : drain.IsDraining
            ? ApiJson.Status(StatusCodes.Status503ServiceUnavailable, new
            {
                status = "stopping",
                session_id = session.SessionId,
                executions_completed = session.ExecutionsCompleted,
                max_executions = session.MaxExecutions,
                is_complete = false,
            })
            : ApiJson.Ok(new
            {
                status = "healthy",
                session_id = session.SessionId,
                executions_completed = session.ExecutionsCompleted,
                max_executions = session.MaxExecutions,
                is_complete = false,
            }));

        // python_packages is null only while the one probe after start-up has not answered (or failed).
        app.MapGet("/container-info", async (SessionState session, ContainerAddress address, PythonPackageInventory packages) => ApiJson.Ok(new
        {
            private_ip = address.PrivateIp,
            hostname = address.Hostname,
            session_id = session.SessionId,
            known_sessions = new[] { session.SessionId },
            executions_completed = session.ExecutionsCompleted,
            python_packages = await packages.GetAsync(PackageProbeWait),
        }));
        return app;
    }
}
