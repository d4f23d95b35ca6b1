namespace DeepInsight.Executor.Rendering.Canvas;

/// <summary>Cairo or Pango reported a failure (out of memory, unwritable file, unreadable image).</summary>
public sealed class CanvasException(string message) : Exception(message);
