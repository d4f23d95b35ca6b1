using System.Reflection;

namespace DeepInsight.Executor.Execution.Core;

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

    /// <summary>
    /// Puts `python` and `python3` first on the children's PATH, both meaning the configured
    /// interpreter: the runtime's `BASH: timeout 300 python file.py` then runs the same Python
    /// (with pandas) as a Python execution, even where no `python` command is installed. `pip`
    /// and `pip3` mean that interpreter's `-m pip`, so an agent's `pip install` serves the
    /// Python its code runs on (into the session's user site: see PipSettings).
    /// </summary>
    public string CreateInterpreterShims(string python)
    {
        var bin = System.IO.Path.Combine(Path, "bin");
        Directory.CreateDirectory(bin);
        var target = ResolveOnPath(python) ?? python;
        foreach (var name in new[] { "python", "python3" })
            File.CreateSymbolicLink(System.IO.Path.Combine(bin, name), target);
        var pipScript = $"#!/bin/sh\nexec '{target.Replace("'", "'\\''")}' -m pip \"$@\"\n";
        foreach (var name in new[] { "pip", "pip3" })
        {
            var shim = System.IO.Path.Combine(bin, name);
            File.WriteAllText(shim, pipScript);
            File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        return bin;
    }

    private static string? ResolveOnPath(string command)
    {
        if (command.Contains('/')) return System.IO.Path.GetFullPath(command);
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => System.IO.Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);
    }

    public string PathOf(string fileName) => System.IO.Path.Combine(Path, fileName);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
