namespace DeepInsight.Executor.Execution.CSharp;

/// <summary>
/// The protocol between the server (WarmWorker, CSharpWorkerPool) and a C# runner worker
/// (CSharpWorker), both this executable, before the worker joins the hub: the
/// <see cref="WorkerAssignment"/> line on its stdin, then these lines on its stdout. After
/// them the worker speaks the child protocol (ChildProtocol) with its spec's "compiled" set.
/// </summary>
public static class RunnerProtocol
{
    /// <summary>Warmed up and joined to the hub: the worker can take a script.</summary>
    public const string ReadyLine = "ready";

    /// <summary>The background warm-up (the script library) is done too, and no script came first: the pool warms the next spare.</summary>
    public const string WarmLine = "warm";
}

/// <summary>"HUB TOKEN\n", server → worker, once: the hub to join and the token to join it under.</summary>
public sealed record WorkerAssignment(string HubPath, string Token)
{
    public string Line => $"{HubPath} {Token}\n";

    /// <summary>Split at the last space: the token has none, the hub's path might. Null for no line (the server closed stdin) or no token.</summary>
    public static WorkerAssignment? Parse(string? line)
    {
        var separator = line?.LastIndexOf(' ') ?? -1;
        return separator > 0 ? new WorkerAssignment(line![..separator], line[(separator + 1)..]) : null;
    }
}
