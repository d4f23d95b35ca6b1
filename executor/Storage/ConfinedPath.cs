using System.Runtime.InteropServices;

namespace DeepInsight.Executor.Storage;

/// <summary>
/// Keeps paths built from request input (artifact names, S3 keys, local_path) inside a root
/// directory: first lexically (".." and absolute parts), then by the real path the kernel
/// resolves, so a symlink placed by executed code cannot lead outside either.
/// </summary>
public static partial class ConfinedPath
{
    /// <summary>root joined with a relative path, or null when the result is not strictly below root.</summary>
    public static string? Join(string root, string relative)
    {
        if (relative.Contains('\0')) return null;
        var full = Path.GetFullPath(Path.Join(root, relative));
        return IsBelow(Path.GetFullPath(root), full) ? full : null;
    }

    /// <summary>True when path is root or below it.</summary>
    public static bool IsWithin(string root, string path) =>
        string.Equals(root.TrimEnd('/'), path.TrimEnd('/'), StringComparison.Ordinal) || IsBelow(root, path);

    /// <summary>
    /// The canonical path with every symlink resolved (realpath(3)), or null when some part of
    /// it does not exist. .NET resolves one link at a time; realpath resolves every component.
    /// </summary>
    public static string? RealPath(string path)
    {
        var resolved = realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero) return null;
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            free(resolved);
        }
    }

    /// <summary>True when path exists and its real path is root's real path or below it.</summary>
    public static bool RealPathIsWithin(string root, string path) =>
        RealPath(root) is { } realRoot && RealPath(path) is { } realPath && IsWithin(realRoot, realPath);

    /// <summary>
    /// Creates directory (below root) unless an existing part of it resolves outside root: the
    /// nearest existing ancestor is checked before anything is created, since creating through
    /// a symlink that points out would already write outside.
    /// </summary>
    public static bool TryCreateDirectoryWithin(string root, string directory)
    {
        var existing = directory;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent) existing = parent;
        if (!RealPathIsWithin(root, existing)) return false;
        Directory.CreateDirectory(directory);
        return RealPathIsWithin(root, directory);
    }

    private static bool IsBelow(string root, string path) =>
        path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr realpath(string path, IntPtr resolved);

    [LibraryImport("libc")]
    private static partial void free(IntPtr pointer);
}
