using DeepInsight.Executor.Configuration;

namespace DeepInsight.Executor.Storage;

/// <summary>
/// The directory executions run in (EXECUTOR_WORK_ROOT, /app in the image): data/ and artifacts/
/// beside workspace/, which holds the sessions' records and the server's journal.
/// </summary>
public sealed record WorkRoot(string Path)
{
    /// <summary>Where the work root is in the image: paths the runtime sends under it mean the same places here.</summary>
    public const string ContainerRoot = "/app";

    public string DataDirectory => System.IO.Path.Combine(Path, "data");
    public string ArtifactsDirectory => System.IO.Path.Combine(Path, "artifacts");
    public string WorkspaceOf(string sessionId) => System.IO.Path.Combine(Path, "workspace", sessionId);

    public WorkRoot(Settings settings) : this(System.IO.Path.GetFullPath(settings.Text("EXECUTOR_WORK_ROOT") ?? ContainerRoot)) { }

    /// <summary>Maps a path as the runtime sends it (under /app) onto the work root.</summary>
    public string MapRequestPath(string path)
    {
        if (path == ContainerRoot || path.StartsWith(ContainerRoot + "/", StringComparison.Ordinal))
            path = Path + path[ContainerRoot.Length..];
        return System.IO.Path.GetFullPath(System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(Path, path));
    }
}
