namespace DeepInsight.Executor.Execution.Core;

/// <summary>The result of one execution as the contract reports it (before output compaction).</summary>
public sealed record ExecutionOutcome(string Status, string Stdout, string Stderr, ExecutionError? Error, TimeSpan Duration)
{
    public const string Completed = "completed";
    public const string Failed = "failed";

    /// <summary>What its child's process tree used; unmeasured when no child ran.</summary>
    public ChildUsage Consumed { get; init; } = ChildUsage.Unmeasured;
}
