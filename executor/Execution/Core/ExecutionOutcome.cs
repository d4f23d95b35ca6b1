using System.Text.Json.Nodes;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>The result of one execution as the contract reports it (before output compaction).</summary>
public sealed record ExecutionOutcome(string Status, string Stdout, string Stderr, JsonObject? Error, TimeSpan Duration)
{
    public const string Completed = "completed";
    public const string Failed = "failed";
}
