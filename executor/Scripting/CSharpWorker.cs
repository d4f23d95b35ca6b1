using System.Collections;
using System.Text.Json.Nodes;

namespace DeepInsight.Executor.Scripting;

/// <summary>
/// The executable's worker mode: a warm process that runs exactly one C# script and exits.
/// Started as a spare before any request, it loads Roslyn and compiles a first script, says
/// "ready" on stdout, then waits for its assignment ("HUB TOKEN") on stdin. Assigned, it joins
/// the hub like sandbox_child.py does, runs the script and reports one result. The server
/// kills it afterwards, so nothing a script did survives into the next one.
/// </summary>
public static class CSharpWorker
{
    public const string Flag = "--csharp-worker";
    public const string ReadyLine = "ready";

    private const int FailedToRun = 70;

    public static async Task<int> RunAsync()
    {
        WorkerPosix.BecomeGroupLeader();
        var engine = await ScriptEngine.CreateWarmAsync();
        WorkerStreams.Announce(ReadyLine);
        _ = Task.Run(engine.WarmLibrariesAsync);
        // "HUB TOKEN": the token has no spaces, the hub path might. A closed pipe means the
        // server discarded this spare (or is gone): nothing to do.
        var assignment = WorkerStreams.ReadAssignment();
        var separator = assignment?.LastIndexOf(' ') ?? -1;
        if (separator <= 0) return 0;
        var hubPath = assignment![..separator];
        var token = assignment[(separator + 1)..];

        var (streams, specJson) = HubStreams.Connect(hubPath, token);
        var spec = WorkerSpec.From(specJson);
        WorkerLimits.Apply(spec);
        Directory.SetCurrentDirectory(spec.WorkingDirectory);
        ReplaceEnvironment(spec.Environment);
        WorkerStreams.Redirect(streams.Stdout, streams.Stderr);
        ReportCrashesOfOtherThreads(streams);

        JsonObject result;
        try
        {
            var sessionId = spec.Environment.GetValueOrDefault("SESSION_ID", "");
            result = await engine.RunAsync(spec.Code, new ScriptGlobals(spec.WorkingDirectory, spec.Workspace, sessionId));
        }
        catch (Exception unexpected)
        {
            result = ScriptEngine.Failed(ScriptErrors.FromException(unexpected));
        }
        WorkerStreams.Flush();
        var status = streams.TrySendResult(result) ? 0 : FailedToRun;
        // Threads the script left running end here, and its ProcessExit handlers do not run.
        WorkerPosix.ExitNow(status);
        return status;
    }

    /// <summary>
    /// An exception escaping a thread the script started ends the process; report it as the
    /// script's error first, with its type and line, instead of leaving a bare SIGABRT.
    /// </summary>
    private static void ReportCrashesOfOtherThreads(HubStreams streams)
    {
        AppDomain.CurrentDomain.UnhandledException += (_, crash) =>
        {
            var exception = crash.ExceptionObject as Exception ?? new Exception(crash.ExceptionObject?.ToString());
            var error = ScriptErrors.FromException(exception);
            error["key_info"] = new JsonObject { ["thread"] = "an exception escaped a thread the script started" };
            WorkerStreams.Flush();
            streams.TrySendResult(ScriptEngine.Failed(error));
            WorkerPosix.ExitNow(FailedToRun);
        };
    }

    private static void ReplaceEnvironment(IReadOnlyDictionary<string, string> wanted)
    {
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (!wanted.ContainsKey(name)) Environment.SetEnvironmentVariable(name, null);
        }
        foreach (var (name, value) in wanted) Environment.SetEnvironmentVariable(name, value);
    }
}
