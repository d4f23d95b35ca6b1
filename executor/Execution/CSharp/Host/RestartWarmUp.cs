namespace DeepInsight.Executor.Execution.CSharp.Host;

/// <summary>
/// A server restarted after a crash answers /health first: its C# compiler and runner (two more
/// .NET processes, about a second of CPU together) start once Kestrel listens, not alongside
/// it on the task's two cores, where they doubled the restart time (bench/restart-bench.sh).
/// </summary>
public static class RestartWarmUp
{
    public static void WhenDue(CSharpOptions options, IHostApplicationLifetime lifetime, Action warmUp)
    {
        if (options.WarmUpAfterListening) lifetime.ApplicationStarted.Register(warmUp);
        else warmUp();
    }
}
