namespace DeepInsight.Executor.Rendering;

/// <summary>A render request is invalid (chart spec, report content, paths); the message names the problem for the client.</summary>
public sealed class RenderValidationException(string message) : Exception(message);
