using System.Runtime.InteropServices;

namespace DeepInsight.Executor.Rendering.Native;

/// <summary>P/Invoke bindings to the C library: the process environment as native libraries see it.</summary>
internal static partial class Libc
{
    private const string Library = "libc.so.6";

    // Environment.SetEnvironmentVariable only changes .NET's own copy on Unix; native libraries
    // such as fontconfig read the C environment, so it has to be set here.
    [LibraryImport(Library, EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetEnv(string name, string value, int overwrite);
}
