using System.Runtime.InteropServices;

namespace DeepInsight.Executor.Rendering.Native;

/// <summary>P/Invoke bindings to librsvg: SVG files drawn as vectors onto a cairo context (librsvg 2.52 API).</summary>
internal static partial class Rsvg
{
    private const string Library = "librsvg-2.so.2";

    [StructLayout(LayoutKind.Sequential)]
    public struct Rectangle
    {
        public double X;
        public double Y;
        public double Width;
        public double Height;
    }

    /// <summary>GLib's GError: a domain, a code and a UTF-8 message.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct GError
    {
        public uint Domain;
        public int Code;
        public IntPtr Message;
    }

    /// <summary>
    /// Parses an SVG document held in memory. Without a base file, references to other files
    /// (images, stylesheets) cannot be resolved, so a document draws nothing from outside itself.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "rsvg_handle_new_from_data")]
    public static partial RsvgHandle NewFromData(byte[] data, nuint length, out IntPtr error);

    /// <summary>The document's width and height in pixels when both are given in absolute units; false otherwise.</summary>
    [LibraryImport(Library, EntryPoint = "rsvg_handle_get_intrinsic_size_in_pixels")]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial bool GetIntrinsicSizeInPixels(RsvgHandle handle, out double width, out double height);

    /// <summary>Draws the whole document scaled into <paramref name="viewport"/>, keeping its aspect ratio.</summary>
    [LibraryImport(Library, EntryPoint = "rsvg_handle_render_document")]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial bool RenderDocument(RsvgHandle handle, CairoContextHandle cr, in Rectangle viewport, out IntPtr error);

    [LibraryImport("libglib-2.0.so.0", EntryPoint = "g_error_free")]
    private static partial void ErrorFree(IntPtr error);

    /// <summary>The message of a GError librsvg returned, which it frees.</summary>
    public static string TakeMessage(IntPtr error)
    {
        if (error == IntPtr.Zero) return "unknown error";
        var message = Marshal.PtrToStringUTF8(Marshal.PtrToStructure<GError>(error).Message) ?? "unknown error";
        ErrorFree(error);
        return message;
    }
}
