namespace DeepInsight.Executor.Rendering.Charts;

/// <summary>The chart spec is invalid; the message names the problem for the client.</summary>
public sealed class ChartSpecException(string message) : Exception(message);
