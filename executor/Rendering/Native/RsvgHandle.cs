namespace DeepInsight.Executor.Rendering.Native;

/// <summary>Owns a parsed SVG document (an RsvgHandle, a GObject); released with g_object_unref.</summary>
internal sealed class RsvgHandle : GObjectHandle;
