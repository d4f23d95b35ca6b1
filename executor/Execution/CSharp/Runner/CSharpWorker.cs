using System.Collections;
using System.Text.Json.Nodes;
using DeepInsight.Executor.Execution.CSharp;
using DeepInsight.Executor.Rendering.Charts;

namespace DeepInsight.Executor.Execution.CSharp.Runner;

/// <summary>
/// The executable's worker (runner) mode: a warm process that runs exactly one C# script and
/// exits. It compiles nothing: the compiler process (<see cref="CompilerServer"/>) compiled the
/// script, and the spec carries the assembly. Started as a spare before any request, it warms
/// the runtime paths a script takes, joins the hub like sandbox_child.py does with the token
/// the server wrote on its stdin, says "ready" on stdout, then waits for a job's spec on its
/// control stream. Given one, it loads and runs the script and reports one result. The server
/// kills it afterwards, so nothing a script did survives into the next one.
/// </summary>
public static class CSharpWorker
{
    public const string Flag = "--csharp-worker";
    public const string ReadyLine = "ready";
    /// <summary>Said after the background warm-ups, if no script came first: the pool then warms the next spare.</summary>
    public const string WarmLine = "warm";

    private static readonly object AssignmentLock = new();
    private static bool _assigned;

    private const int FailedToRun = 70;

    public static async Task<int> RunAsync()
    {
        WorkerPosix.BecomeGroupLeader();
        WorkerPosix.BecomeSubreaper();
        ScriptRunner.WarmUpCore();
        // "HUB TOKEN", written by the server when it started this worker: the token has no
        // spaces, the hub path might. A closed pipe means the server is gone: nothing to do.
        var assignment = WorkerStreams.ReadAssignment();
        var separator = assignment?.LastIndexOf(' ') ?? -1;
        if (separator <= 0) return 0;
        var streams = HubStreams.Connect(assignment![..separator], assignment[(separator + 1)..]);
        WorkerStreams.Announce(ReadyLine);
        // On a thread of its own at a lower priority: the library warm-up must not slow down the
        // server or the compiler (at boot they share the cores), nor a script that arrives meanwhile.
        new Thread(() =>
        {
            WorkerPosix.LowerThisThreadsPriority();
            ScriptRunner.WarmUpLibrary();
            // Descriptor 1 is still the server's pipe only while no script has been assigned.
            lock (AssignmentLock)
            {
                if (!_assigned) WorkerStreams.Announce(WarmLine);
            }
        }) { IsBackground = true, Name = "library warm-up" }.Start();
        // The spec arrives when a script is given to this worker; the server closing the control
        // stream instead (it is shutting down) ends the worker.
        if (streams.ReceiveSpec() is not { } specJson) return 0;
        lock (AssignmentLock) _assigned = true;
        var spec = WorkerSpec.From(specJson);
        WorkerLimits.Apply(spec);
        Directory.SetCurrentDirectory(spec.WorkingDirectory);
        // Before the environment is the job's: fontconfig starts with the project's configuration.
        ChartStyle.UseKoreanText();
        ReplaceEnvironment(spec.Environment);
        WorkerStreams.Redirect(streams.Stdout, streams.Stderr);
        ReportCrashesOfOtherThreads(streams);

        JsonObject result;
        try
        {
            var sessionId = spec.Environment.GetValueOrDefault("SESSION_ID", "");
            result = spec.Compiled is { } compiled
                ? await ScriptRunner.RunAsync(compiled, new ScriptGlobals(spec.WorkingDirectory, spec.Workspace, sessionId))
                : ScriptRunner.Failed(new JsonObject { ["type"] = "ExecutorError", ["message"] = "The spec carried no compiled script" });
        }
        catch (Exception unexpected)
        {
            result = ScriptRunner.Failed(ScriptErrors.FromException(unexpected));
        }
        WorkerStreams.Flush();
        // Before the result: once the server has it, the execution is over for the agent.
        WorkerPosix.KillDescendants();
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
            streams.TrySendResult(ScriptRunner.Failed(error));
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
