using DeepInsight.Executor.Configuration;

namespace DeepInsight.Executor.Execution.CSharp.Host;

public sealed record CSharpOptions
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(300);
    /// <summary>
    /// How long the compiler process may take on one script before it is killed and replaced.
    /// Apart from the script's time limit: a real script compiles in under a second once the
    /// compiler is warm, and a short script limit must not fail a compilation on a cold compiler.
    /// </summary>
    public TimeSpan CompileTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Whether the C# compiler process and a warm runner are started at boot, before any C# script asks for them.</summary>
    public bool Prewarm { get; init; } = true;
    /// <summary>How many warm C# runner workers are kept in reserve (see docs/csharp.md for their memory).</summary>
    public int Spares { get; init; } = 1;
    /// <summary>Whether the warm-up waits until Kestrel listens: true on a server the supervisor restarted (see RestartWarmUp).</summary>
    public bool WarmUpAfterListening { get; init; }

    public static CSharpOptions FromConfiguration(IConfiguration configuration)
    {
        var settings = new Settings(configuration);
        var defaults = new CSharpOptions();
        return new CSharpOptions
        {
            Timeout = settings.Seconds("EXECUTOR_CSHARP_TIMEOUT_SECONDS", defaults.Timeout),
            CompileTimeout = settings.Seconds("EXECUTOR_CSHARP_COMPILE_TIMEOUT_SECONDS", defaults.CompileTimeout),
            Prewarm = settings.Flag("EXECUTOR_CSHARP_PREWARM", defaults.Prewarm),
            Spares = settings.Int("EXECUTOR_CSHARP_SPARES", defaults.Spares),
            WarmUpAfterListening = settings.Restarts > 0,
        };
    }
}
