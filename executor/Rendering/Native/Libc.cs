using System.Runtime.InteropServices;

namespace DeepInsight.Executor.Rendering.Native;

/// <summary>P/Invoke bindings to the C library: process environment and path resolution.</summary>
internal static partial class Libc
{
    private const string Library = "libc.so.6";

    // Environment.SetEnvironmentVariable only changes .NET's own copy on Unix; native libraries
    // such as fontconfig read the C environment, so it has to be set here.
    [LibraryImport(Library, EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport(Library, EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr RealPath(string path, IntPtr resolved);

    [LibraryImport(Library, EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);

    /// <summary>The canonical path with every symbolic link resolved, or null when it does not exist.</summary>
    public static string? ResolveRealPath(string path)
    {
        var resolved = RealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero) return null;
        try { return Marshal.PtrToStringUTF8(resolved); }
        finally { Free(resolved); }
    }
}
