using System.Collections;
using DeepInsight.Executor.Execution.CSharp;
using DeepInsight.Executor.Execution.Core;
using DeepInsight.Executor.Rendering.Charts;

namespace DeepInsight.Executor.Execution.CSharp.Runner;

/// <summary>
/// The executable's worker (runner) mode: a warm process that runs exactly one C# script and
/// exits. It compiles nothing: the compiler process (<see cref="CompilerServer"/>) compiled the
/// script, and the spec carries the assembly. Started as a spare before any request, it warms
/// the runtime paths a script takes, joins the hub like sandbox_child.py does with the token
/// the server wrote on its stdin, says so on stdout (<see cref="RunnerProtocol"/>), then waits for a job's spec on its
/// control stream. Given one, it loads and runs the script and reports one result. The server
/// kills it afterwards, so nothing a script did survives into the next one.
/// </summary>
public static class CSharpWorker
{
    public const string Flag = "--csharp-worker";

    private static readonly object AssignmentLock = new();
    private static bool _assigned;

    private const int FailedToRun = 70;

    public static async Task<int> RunAsync()
    {
        WorkerPosix.BecomeGroupLeader();
        WorkerPosix.BecomeSubreaper();
        ScriptRunner.WarmUpCore();
        // Written by the server when it started this worker. A closed pipe means the server is gone: nothing to do.
        if (WorkerAssignment.Parse(WorkerStreams.ReadAssignment()) is not { } assignment) return 0;
        var streams = HubStreams.Connect(assignment);
        WorkerStreams.Announce(RunnerProtocol.ReadyLine);
        // On a thread of its own at a lower priority: the library warm-up must not slow down the
        // server or the compiler (at boot they share the cores), nor a script that arrives meanwhile.
        new Thread(() =>
        {
            WorkerPosix.LowerThisThreadsPriority();
            ScriptRunner.WarmUpLibrary();
            // Descriptor 1 is still the server's pipe only while no script has been assigned.
            lock (AssignmentLock)
            {
                if (!_assigned) WorkerStreams.Announce(RunnerProtocol.WarmLine);
            }
        }) { IsBackground = true, Name = "library warm-up" }.Start();
        // The spec arrives when a script is given to this worker; the server closing the control
        // stream instead (it is shutting down) ends the worker.
        if (streams.ReceiveSpec() is not { } spec) return 0;
        lock (AssignmentLock) _assigned = true;
        // The worker's warm-up is not the script's cost (the library warm-up may still be finishing, though).
        var cpuAtSpec = WorkerPosix.TreeUsage().Cpu;
        WorkerLimits.Apply(spec.Limits);
        Directory.SetCurrentDirectory(spec.Cwd);
        // Before the environment is the job's: fontconfig starts with the project's configuration.
        ChartStyle.UseKoreanText();
        ReplaceEnvironment(spec.Env);
        WorkerStreams.Redirect(streams.Stdout, streams.Stderr);
        ReportCrashesOfOtherThreads(streams, cpuAtSpec);

        ChildResult result;
        try
        {
            var sessionId = spec.Env.GetValueOrDefault("SESSION_ID", "");
            result = spec.Compiled is { } compiled
                ? await ScriptRunner.RunAsync(compiled, new ScriptGlobals(spec.Cwd, spec.Workspace, sessionId))
                : ChildResult.Failure(new ExecutionError("ExecutorError", "The spec carried no compiled script"));
        }
        catch (Exception unexpected)
        {
            result = ChildResult.Failure(ScriptErrors.FromException(unexpected));
        }
        WorkerStreams.Flush();
        // Before the result: once the server has it, the execution is over for the agent.
        WorkerPosix.KillDescendants();
        var status = streams.TrySendResult(result with { Usage = UsageSince(cpuAtSpec) }) ? 0 : FailedToRun;
        // Threads the script left running end here, and its ProcessExit handlers do not run.
        WorkerPosix.ExitNow(status);
        return status;
    }

    /// <summary>
    /// An exception escaping a thread the script started ends the process; report it as the
    /// script's error first, with its type and line, instead of leaving a bare SIGABRT.
    /// </summary>
    private static void ReportCrashesOfOtherThreads(HubStreams streams, TimeSpan cpuAtSpec)
    {
        AppDomain.CurrentDomain.UnhandledException += (_, crash) =>
        {
            var exception = crash.ExceptionObject as Exception ?? new Exception(crash.ExceptionObject?.ToString());
            var error = ScriptErrors.FromException(exception) with
            {
                KeyInfo = new ErrorHints { Thread = "an exception escaped a thread the script started" },
            };
            WorkerStreams.Flush();
            streams.TrySendResult(ChildResult.Failure(error) with { Usage = UsageSince(cpuAtSpec) });
            WorkerPosix.ExitNow(FailedToRun);
        };
    }

    /// <summary>What the script's process tree used (ChildUsage): CPU since the spec came, and the peak resident set.</summary>
    private static ChildUsage UsageSince(TimeSpan cpuAtSpec)
    {
        var (cpu, peakRssKb) = WorkerPosix.TreeUsage();
        return new ChildUsage(Math.Max(0, (long)(cpu - cpuAtSpec).TotalMilliseconds), peakRssKb);
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
