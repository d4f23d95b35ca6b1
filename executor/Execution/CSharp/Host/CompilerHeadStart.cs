using DeepInsight.Executor.Configuration;
using DeepInsight.Executor.Execution.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace DeepInsight.Executor.Execution.CSharp.Host;

/// <summary>
/// The C# compiler process started at the top of Main, before the host is even built, so its
/// first compilation (about a second of CPU) overlaps the server's own startup on the other
/// core and a script sent at the first /health finds it warm. <see cref="CSharpCompiler"/>
/// takes it over when it starts, or kills it if C# prewarming is off.
/// </summary>
public sealed class CompilerHeadStart
{
    private CompilerProcess? _process;

    /// <summary>A head start with no process: under a test host, or when there is nothing to start early.</summary>
    public static CompilerHeadStart None => new();

    /// <summary>
    /// Starts the compiler with the settings the host will read from the same environment. Not
    /// when a supervisor restarted the server (RestartWarmUp: /health comes first then), nor under
    /// a test host, whose apps configure themselves.
    /// </summary>
    public static CompilerHeadStart Begin()
    {
        var headStart = new CompilerHeadStart();
        if (System.Reflection.Assembly.GetEntryAssembly() != typeof(CompilerHeadStart).Assembly) return headStart;
        try
        {
            var settings = new Settings(new ConfigurationBuilder().AddEnvironmentVariables().Build());
            var options = new CSharpOptions(settings);
            if (!options.Prewarm || options.WarmUpAfterListening) return headStart;
            var execution = new ExecutionOptions(settings);
            var environment = CSharpWorkerPool.WorkerEnvironment(
                ChildEnvironment.Build(Environment.GetEnvironmentVariables(), execution.ChildrenInheritAwsCredentials), execution.MemoryLimitBytes);
            headStart._process = CompilerProcess.Start(environment, NullLogger.Instance);
        }
        catch (Exception)
        {
            // The service starts its compiler as usual and logs what goes wrong then.
        }
        return headStart;
    }

    /// <summary>The early process, once: later calls get null.</summary>
    internal CompilerProcess? Take() => Interlocked.Exchange(ref _process, null);
}
