using DeepInsight.Executor.Configuration;

namespace DeepInsight.Executor.Execution.CSharp.Host;

public sealed class CSharpOptions(Settings settings)
{
    public TimeSpan Timeout { get; } = settings.Seconds("EXECUTOR_CSHARP_TIMEOUT_SECONDS", TimeSpan.FromSeconds(300));

    /// <summary>
    /// How long the compiler process may take on one script before it is killed and replaced.
    /// Apart from the script's time limit: a real script compiles in under a second once the
    /// compiler is warm, and a short script limit must not fail a compilation on a cold compiler.
    /// </summary>
    public TimeSpan CompileTimeout { get; } = settings.Seconds("EXECUTOR_CSHARP_COMPILE_TIMEOUT_SECONDS", TimeSpan.FromSeconds(60));

    /// <summary>Whether the C# compiler process and a warm runner are started at boot, before any C# script asks for them.</summary>
    public bool Prewarm { get; } = settings.Flag("EXECUTOR_CSHARP_PREWARM", true);

    /// <summary>How many warm C# runner workers are kept in reserve (see docs/csharp.md for their memory).</summary>
    public int Spares { get; } = settings.Int("EXECUTOR_CSHARP_SPARES", 1);

    /// <summary>Whether the warm-up waits until Kestrel listens: on a server the supervisor restarted (see RestartWarmUp).</summary>
    public bool WarmUpAfterListening { get; } = settings.Restarts > 0;
}
