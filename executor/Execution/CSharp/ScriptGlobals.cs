namespace DeepInsight.Executor.Execution.CSharp;

/// <summary>
/// The names every C# script sees without declaring them. Paths are absolute; relative paths
/// in scripts resolve against the work root too, which is the worker's current directory.
/// </summary>
public sealed class ScriptGlobals
{
    public string WorkRoot { get; }
    public string Artifacts { get; }
    public string Data { get; }
    public string Workspace { get; }
    public string SessionId { get; }

    public ScriptGlobals(string workRoot, string workspace, string sessionId)
    {
        WorkRoot = workRoot;
        Artifacts = Path.Combine(workRoot, "artifacts");
        Data = Path.Combine(workRoot, "data");
        Workspace = workspace;
        SessionId = sessionId;
    }
}
