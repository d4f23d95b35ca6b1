namespace DeepInsight.Executor.Rendering.Canvas;

/// <summary>The memory of a cairo image surface (format, size, row stride), immutable once made, so threads can share it.</summary>
internal sealed record ImagePixels(int Format, int Width, int Height, int Stride, byte[] Data);
