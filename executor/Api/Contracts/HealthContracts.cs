using System.Text.Json.Serialization;
using DeepInsight.Executor.Execution.Python;

namespace DeepInsight.Executor.Api.Contracts;

/// <summary>
/// GET /health: "healthy" (200) and "stopping" (503) carry every member; "complete" (503)
/// leaves out max_executions and is_complete, as the old server did.
/// </summary>
public sealed record HealthResponse(string Status, string SessionId, int ExecutionsCompleted)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxExecutions { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IsComplete { get; init; }
}

/// <summary>GET /container-info; python_packages is null until the one probe after start-up has answered.</summary>
public sealed record ContainerInfoResponse(
    string PrivateIp,
    string Hostname,
    string SessionId,
    IReadOnlyList<string> KnownSessions,
    int ExecutionsCompleted,
    IReadOnlyList<PythonPackage>? PythonPackages);
