using System.Runtime.InteropServices;

namespace DeepInsight.Executor.Rendering.Native;

/// <summary>P/Invoke bindings to libgobject and libglib: reference counting and freeing.</summary>
internal static partial class GObject
{
    private const string Library = "libgobject-2.0.so.0";

    [LibraryImport(Library, EntryPoint = "g_object_unref")]
    public static partial void Unref(IntPtr instance);

    [LibraryImport("libglib-2.0.so.0", EntryPoint = "g_free")]
    public static partial void Free(IntPtr memory);
}
