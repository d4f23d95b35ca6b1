namespace DeepInsight.Executor.Rendering.Canvas;

/// <summary>A rectangle of a text layout, in canvas units from the layout's top-left.</summary>
public readonly record struct TextArea(double X, double Y, double Width, double Height);
