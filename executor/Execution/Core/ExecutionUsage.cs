using System.Text.Json.Serialization;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// What an execution cost, as the /execute answer and the execution record carry it ("usage"):
/// <see cref="WallMs"/> is the execution's duration as the server measured it (the same figure
/// as execution_time_ms and duration_ms), the other two the child's measure of its process tree
/// (<see cref="ChildUsage"/>, or the server's reading of it when no result came). Each property
/// carries its JSON name, so the answer and the record write the same keys.
/// </summary>
public sealed record ExecutionUsage(
    [property: JsonPropertyName("wall_ms")] long WallMs,
    [property: JsonPropertyName("cpu_ms")] long CpuMs,
    [property: JsonPropertyName("max_rss_kb")] long MaxRssKb)
{
    public static ExecutionUsage Of(ExecutionOutcome outcome) =>
        new((long)outcome.Duration.TotalMilliseconds, outcome.Consumed.CpuMs, outcome.Consumed.MaxRssKb);
}
