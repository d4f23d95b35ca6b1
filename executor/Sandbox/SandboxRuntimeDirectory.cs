using System.Reflection;

namespace DeepInsight.Executor.Sandbox;

/// <summary>
/// A private directory (mode 0700) for the hub socket and the Python helpers, which ship as
/// embedded resources and are written out once at startup.
/// </summary>
public sealed class SandboxRuntimeDirectory : IDisposable
{
    public string Path { get; }

    public SandboxRuntimeDirectory()
    {
        Path = Directory.CreateTempSubdirectory("deepinsight-").FullName;
        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".py", StringComparison.Ordinal)))
        {
            using var source = assembly.GetManifestResourceStream(name)!;
            using var target = File.Create(System.IO.Path.Combine(Path, name));
            source.CopyTo(target);
        }
    }

    public string PathOf(string fileName) => System.IO.Path.Combine(Path, fileName);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
